package org.journeyplatform.projections.research;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Research export files and folders are readable by the platform's own operating-system user alone: folders
 * {@code rwx------} (0700), files {@code rw-------} (0600). The permissions are given when each is created, so there is
 * no moment in which another user could open one; on a file system without POSIX permissions they are created as
 * usual.
 */
public final class OwnerOnly {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates the folder and any missing parent, each owner-only; folders that exist are left as they are. */
    public static Path folders(Path folder) throws IOException {
        return Files.createDirectories(folder, attributes(FOLDER));
    }

    /** Creates one new folder, owner-only; fails when it exists. */
    public static Path folder(Path folder) throws IOException {
        return Files.createDirectory(folder, attributes(FOLDER));
    }

    /** A new file, owner-only, open for writing; fails when it exists. */
    public static OutputStream newFile(Path file) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(
                file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes(FILE)));
    }

    /** Writes a new owner-only file with these bytes; fails when it exists. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = newFile(file)) {
            out.write(bytes);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
