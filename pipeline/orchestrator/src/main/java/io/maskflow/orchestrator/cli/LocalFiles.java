package io.maskflow.orchestrator.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** The CLI's words for local files: what a path is, and why it could not be read or written. */
final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * A local file the command could not read or write (download writes, upload and predict read): said as such,
     * not as an orchestrator that cannot be reached, and never as the name of a Java exception.
     */
    static String problem(FileSystemException e, boolean writing) {
        return problem(e.getFile() != null ? e.getFile() : e.getMessage(), e, writing);
    }

    /** The same, naming {@code file} (a download names the file it writes, not its {@code .part}). */
    static String problem(Object file, FileSystemException e, boolean writing) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = writing ? "its folder does not exist" : "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "something else is there already";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "a folder that is not empty is there";
        } else if (e instanceof NotDirectoryException) {
            reason = "a part of its path is not a folder";
        } else if (e instanceof FileSystemLoopException) {
            reason = "its symbolic links lead in a loop";
        } else {
            reason = e.getReason() != null ? e.getReason() : "the file system refused it";
        }
        return "cannot " + (writing ? "write " : "read ") + file + ": " + reason;
    }

    /** What a path that is neither a regular file nor a folder is: "a device", "a named pipe", "a socket". */
    static String kind(Path path) {
        try {
            int type = ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000;
            return switch (type) {
                case 0020000, 0060000 -> "a device";
                case 0010000 -> "a named pipe";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }

    /**
     * Why a download cannot be written to {@code target}, or null: a symbolic link (else writing replaces the link),
     * a device, pipe or socket (else it became a regular file), or a folder unless {@code folderOk}. A regular
     * file is replaced.
     */
    static String notWritable(Path target, boolean folderOk) {
        if (Files.isSymbolicLink(target) && !(folderOk && Files.isDirectory(target))) {
            return "a symbolic link; give the file it points to or another name";
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                || folderOk && Files.isDirectory(target)) {
            return null;
        }
        if (Files.isDirectory(target)) {
            return "a folder is there; give another name with -o";
        }
        return notRegular(target) + "; give a file name or a folder";
    }

    /** "a device, not a regular file" (a pipe, a socket), or "not a regular file". */
    static String notRegular(Path path) {
        String kind = kind(path);
        return kind.startsWith("not") ? kind : kind + ", not a regular file";
    }
}
