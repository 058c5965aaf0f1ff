package io.porter.attachments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The size limit of one attached file ({@code porter.attachments.max-file-size}, default 20MB). */
@ConfigurationProperties("porter.attachments")
public record AttachmentSettings(DataSize maxFileSize) {

    public AttachmentSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
    }
}
