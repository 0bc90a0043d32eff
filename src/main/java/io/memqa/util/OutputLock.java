package io.memqa.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Keeps two processes from building the same output at once. The lock is a file beside the
 * output ({@code .NAME.lock}) that is deleted again when the lock is released, so a finished
 * command leaves nothing behind; a command killed outright leaves the file, and the next one
 * simply takes it over (the operating system releases the lock of a dead process).
 */
public final class OutputLock implements AutoCloseable {
  private static final int ATTEMPTS = 10;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file used for {@code target}. */
  public static Path fileFor(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.resolveSibling("." + abs.getFileName() + ".lock");
  }

  /** Takes the lock for {@code target}, or fails at once when another process holds it. */
  public static OutputLock acquire(Path target) throws IOException {
    Path file = fileFor(target);
    Files.createDirectories(file.getParent());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Object before = key(file);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      Object opened = key(file);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new IOException("another memqa command is writing " + target.toAbsolutePath()
            + " (it holds " + file + "); wait for it to finish, or write somewhere else");
      }
      // The holder before us deletes the file as it lets go: if that happened while we opened
      // and locked, we hold a file no path leads to, and must take the new one instead. The file
      // is identified by stat (device and inode), never by opening it again: closing a second
      // descriptor of a locked file would release the lock.
      if (opened != null && (before == null || before.equals(opened)) && opened.equals(key(file))) {
        return new OutputLock(file, ch, lock);
      }
      lock.release();
      ch.close();
    }
    throw new IOException("could not lock " + file + " after " + ATTEMPTS + " attempts; is another memqa command busy with it?");
  }

  /** The file's identity (device and inode), or null when no file is there. */
  private static Object key(Path file) throws IOException {
    try {
      Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      return key != null ? key : "a file system without file keys"; // then only presence is compared
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes the lock file, then releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
