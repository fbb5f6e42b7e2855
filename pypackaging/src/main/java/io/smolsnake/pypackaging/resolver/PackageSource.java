package io.smolsnake.pypackaging.resolver;

import io.smolsnake.pypackaging.metadata.CoreMetadata;
import io.smolsnake.pypackaging.name.PackageName;
import java.util.Collection;
import java.util.List;

/**
 * Where the resolver learns which files a project has and what they require: the package index in
 * production, an in-memory table in tests.
 */
public interface PackageSource {

    /**
     * Every file of the project across all sources, or an empty list when no source has it.
     *
     * @throws SourceUnavailableException when no source could be asked
     */
    List<Dist> files(PackageName name);

    /**
     * The core metadata of one wheel.
     *
     * @throws SourceUnavailableException when it cannot be fetched
     */
    CoreMetadata metadata(Dist wheel);

    /** A hint that the metadata of these wheels will be asked for soon; may fetch in the background. */
    default void prefetch(Collection<Dist> wheels) {}

    /** What went wrong while asking a source, for a person. */
    final class SourceUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SourceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
