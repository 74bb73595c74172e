package org.republisher.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.republisher.RepublisherException;
import org.republisher.write.FeedFile;
import org.republisher.write.FeedFormat;

/**
 * Writes rendered feed files into the output folder, each at the path its URL has under the site's
 * URL: with {@code site.url} {@code https://x.example/feeds/}, {@code
 * https://x.example/feeds/archive/all-3.atom.xml} is written to {@code OUTPUT/archive/all-3.atom.xml}.
 *
 * <p>Nothing is ever left half-written: every changed file is first written whole to a temporary
 * file in its own folder ({@code .NAME.N.tmp}, forced to disk), and only when all of them are ready
 * is each renamed over its target, atomically; archive pages before current documents, so a current
 * document never links to a page that is not there yet. A file whose bytes are those already there
 * is not written at all (its modification time stays). When any write fails, the temporary files
 * are removed and the folder is as it was. Last, archive pages of the written feeds that were not
 * rendered (retired by the retention policy) are removed. Not thread-safe: one run at a time.
 */
final class Output {
  private static final AtomicLong TEMPS = new AtomicLong();

  private final Path folder;
  private final URI site;

  /**
   * Creates an output.
   *
   * @param folder the output folder, made when missing
   * @param site the site's URL, ending in {@code /}
   */
  Output(Path folder, URI site) {
    this.folder = folder.toAbsolutePath().normalize();
    this.site = site;
  }

  /**
   * What a write did.
   *
   * @param written files written (new or changed)
   * @param unchanged files left as they were, their bytes the same
   * @param removed retired archive pages removed
   * @param changed the URLs of the files written, in the order given
   */
  record Result(int written, int unchanged, int removed, List<URI> changed) {
    Result {
      changed = List.copyOf(changed);
    }
  }

  /** The output folder cannot be written; nothing in it was changed, or each file is whole. */
  static final class OutputException extends RepublisherException {
    private static final long serialVersionUID = 1L;

    OutputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Writes files and removes the retired archive pages of their feeds.
   *
   * @param files the files rendered, current documents and archive pages
   * @param feeds the names of the feeds rendered, relative to the site's URL, such as {@code all}
   *     or {@code lang/fr}: the archive pages of these, and only these, are candidates for removal
   * @return what was done
   * @throws OutputException when a file cannot be written
   */
  Result write(List<FeedFile> files, List<String> feeds) {
    List<Staged> staged = new ArrayList<>();
    Set<Path> targets = new HashSet<>();
    int unchanged = 0;
    try {
      for (FeedFile file : files) {
        Path target = path(file.url());
        if (!targets.add(target)) {
          throw new IOException(file.url() + " is rendered twice");
        }
        if (same(target, file)) {
          unchanged++;
        } else {
          staged.add(stage(target, file));
        }
      }
    } catch (IOException | RuntimeException e) {
      discard(staged);
      throw new OutputException("cannot write the feeds into " + folder + ": " + describe(e)
          + "; no feed file was changed", e);
    }
    List<URI> changed = staged.stream().map(Staged::url).toList();
    // archive pages first, then current documents: a document never links ahead of its pages
    staged.sort((a, b) -> Boolean.compare(!a.archive, !b.archive));
    int written = 0;
    try {
      for (Staged s : staged) {
        Files.move(s.temp, s.target, StandardCopyOption.ATOMIC_MOVE);
        written++;
      }
    } catch (IOException e) {
      discard(staged.subList(written, staged.size()));
      throw new OutputException("cannot write the feeds into " + folder + ": " + describe(e)
          + "; " + written + " files were replaced whole, the others left as they were", e);
    }
    int removed;
    try {
      removed = retire(targets, feeds);
    } catch (IOException e) {
      throw new OutputException("cannot remove retired archive pages in " + folder + ": "
          + describe(e), e);
    }
    return new Result(written, unchanged, removed, changed);
  }

  /** Returns where a URL's file is: its path under the site's URL, under the output folder. */
  Path path(URI url) throws IOException {
    String text = url.toString();
    String base = site.toString();
    if (!text.startsWith(base) || text.length() == base.length()) {
      throw new IOException(url + " is not under the site's URL " + site);
    }
    URI relative = URI.create(text.substring(base.length()));
    if (relative.getRawQuery() != null || relative.getRawFragment() != null) {
      throw new IOException(url + " has a query or a fragment");
    }
    Path path = folder;
    for (String segment : relative.getPath().split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
          || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
        throw new IOException(url + " has no file path under " + site);
      }
      path = path.resolve(segment);
    }
    return path;
  }

  private static boolean same(Path target, FeedFile file) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is in the way: not a regular file");
    }
    return Files.size(target) == file.size() && Arrays.equals(Files.readAllBytes(target), file.bytes());
  }

  private static Staged stage(Path target, FeedFile file) throws IOException {
    URI url = file.url();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    String name = target.getFileName().toString();
    // feed names have no segment "archive" (ConfigReader): only archive pages live in one
    boolean archive = dir.getFileName() != null && dir.getFileName().toString().equals("archive");
    while (true) {
      Path temp = dir.resolve("." + name + "." + TEMPS.incrementAndGet() + ".tmp");
      FileChannel channel;
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue; // a leftover of a killed run: take the next name
      }
      try (channel) {
        ByteBuffer bytes = ByteBuffer.wrap(file.bytes());
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      } catch (IOException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      return new Staged(url, temp, target, archive);
    }
  }

  private int retire(Set<Path> rendered, List<String> feeds) throws IOException {
    int removed = 0;
    for (String feed : feeds) {
      Path current = path(site.resolve(feed));
      Path archive = current.resolveSibling("archive");
      Pattern page = Pattern.compile(
          Pattern.quote(current.getFileName().toString()) + "-[0-9]+\\.(?:"
              + Arrays.stream(FeedFormat.values())
                  .map(f -> Pattern.quote(f.fileName()))
                  .reduce((a, b) -> a + "|" + b)
                  .orElseThrow()
              + ")");
      if (!Files.isDirectory(archive, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> pages = Files.newDirectoryStream(archive)) {
        for (Path file : pages) {
          if (page.matcher(file.getFileName().toString()).matches()
              && !rendered.contains(file)
              && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(file);
            removed++;
          }
        }
      }
    }
    return removed;
  }

  private static void discard(List<Staged> staged) {
    for (Staged s : staged) {
      try {
        Files.deleteIfExists(s.temp);
      } catch (IOException e) {
        // best effort: a stray .tmp file is harmless and taken for no feed
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder " + n.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** A file written whole to its temporary name, to be renamed over its target. */
  private record Staged(URI url, Path temp, Path target, boolean archive) {}
}
