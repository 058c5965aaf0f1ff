package io.porter.attachments;

import java.util.Locale;
import java.util.Set;

/**
 * The kinds of file a help desk refuses by default because opening them runs code: by the name's extension, by the
 * declared content type, and by the first bytes (Windows and Linux executables).
 */
public final class FileTypes {

    public static final Set<String> BLOCKED_EXTENSIONS = Set.of("exe", "sys", "scr", "shb", "wsf", "bat", "cmd", "com",
            "dll", "msi", "js", "jse", "jar", "ps1", "vbs", "vbe", "cpl", "pif", "hta", "msp", "lnk", "reg", "sh", "apk");
    public static final Set<String> BLOCKED_CONTENT_TYPES = Set.of("application/x-msdownload", "application/x-msdos-program",
            "application/x-dosexec", "application/x-executable", "application/vnd.microsoft.portable-executable",
            "application/x-msi", "application/x-ms-installer", "application/x-bat", "application/x-sh",
            "application/javascript", "text/javascript", "application/x-javascript", "application/java-archive",
            "application/x-java-archive", "application/x-ms-shortcut", "application/hta", "application/x-vbscript",
            "text/vbscript", "application/vnd.android.package-archive");

    private FileTypes() {
    }

    /** Why the file is of a blocked kind, or null when it is not. */
    public static String blockedReason(String fileName, String contentType, byte[] head) {
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        // trailing dots and spaces are dropped by Windows, so 'x.exe. ' is an .exe
        while (name.endsWith(".") || name.endsWith(" ")) {
            name = name.substring(0, name.length() - 1);
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && BLOCKED_EXTENSIONS.contains(name.substring(dot + 1))) {
            return "its name ends in ." + name.substring(dot + 1);
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (BLOCKED_CONTENT_TYPES.contains(type)) {
            return "its content type is " + type;
        }
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return "it is a Windows program";
        }
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return "it is a Linux program";
        }
        return null;
    }
}
