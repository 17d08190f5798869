package org.tandemdns.sync.provider;

import java.io.IOException;
import java.nio.file.Path;
import org.tandemdns.zone.ZoneFileException;
import org.tandemdns.zone.ZoneFileLoader;
import org.tandemdns.zone.ZoneValidationException;
import org.xbill.DNS.Name;

/** A master file (RFC 1035 §5) as a source of truth, read and validated as {@code tandem serve} would. */
public final class FileSource implements ZoneSource {
  private final Path file;

  public FileSource(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return "file " + file;
  }

  @Override
  public ZoneContent read(Name zone) throws ProviderException {
    try {
      return SnapshotSource.content(ZoneFileLoader.load(file, zone));
    } catch (ZoneFileException e) {
      throw new ProviderException(e.getMessage());
    } catch (ZoneValidationException e) {
      throw new ProviderException(file + ": " + String.join("; ", e.problems()));
    } catch (IOException e) {
      throw new ProviderException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
