package org.republisher.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The JSON Feed writer's own string encoding writes the generator's bytes. */
class JsonFeedWriterTest {

  @Property(tries = 2000)
  void encodesLongStringsAsTheGenerator(@ForAll("texts") String text) throws Exception {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator json = new JsonFactory().createGenerator(expected, JsonEncoding.UTF8)) {
      json.writeString(text);
    }
    byte[] b = new byte[text.length() * 6];
    int length = JsonFeedWriter.encode(text, b, new char[7]); // a small chunk: pairs cross chunks
    byte[] ours = new byte[length + 2];
    ours[0] = '"';
    System.arraycopy(b, 0, ours, 1, length);
    ours[length + 1] = '"';
    assertThat(ours).as(text).isEqualTo(expected.toByteArray());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars("ab <>&\"\\/é€نشر\n\t\r\b\f\u0001\u001f\u007f\u2028😀")
        .withChars('\uD83D', '\uDE00')
        .ofMaxLength(60)
        .map(s -> s.replace("\uD83D\uDE00", "😀"));
  }
}
