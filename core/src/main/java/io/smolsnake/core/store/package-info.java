/**
 * The shared store of installed wheels and the environments assembled from it (DESIGN.md, "The
 * store and the environments").
 *
 * <pre>{@code
 * Store store = Store.open(efsRoot);
 * StoreResult numpy = store.install(new StoreRequest(target, "numpy", "2.2.6", wheelFile, sha256, size, true));
 * Environments environments = Environments.open(store);
 * EnvResult env = environments.assemble(EnvRequest.linkForest(target, lockDigest, List.of(numpy.key(), ...)));
 * // the bootstrap: for each line of <env>/paths.txt, site.addsitedir(<env>/<line>)
 * }</pre>
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;root&gt;/store/&lt;platform&gt;/&lt;name&gt;/&lt;version&gt;/&lt;first 16 hex of sha256&gt;/   a store entry
 *     ...what the wheel installs into site-packages; bin/, include/, data/ beside
 *     .smolsnake-entry.json                                          the completion marker (which of
 *                                                                    bin/ include/ data/ are the wheel's
 *                                                                    scripts, headers, data files)
 * &lt;root&gt;/envs/&lt;platform&gt;/&lt;lock digest&gt;/                          a link forest
 *     site-packages/   every entry's library files, hard-linked; namespace packages merged;
 *                      data files at its top and headers in include/python/&lt;name&gt;/, where
 *                      {@code pip install --target} puts them
 *     bin/             every entry's scripts and launchers, merged the same way
 *     paths.txt        "site-packages"
 *     .smolsnake-env.json
 * &lt;root&gt;/envs/&lt;platform&gt;/&lt;lock digest&gt;.paths/                    the classic layout
 *     paths.txt        one entry directory per line, relative to the environment
 * </pre>
 * {@code <platform>} is {@code python3.12-x86_64} for a Lambda runtime, {@code host-python3.11-x86_64}
 * for the host.
 *
 * <h2>Crashes and concurrency</h2>
 * Entries and environments are built in a {@code .tmp-<uuid>} sibling and published by an atomic
 * rename after their marker is written: a directory under its final name is complete, and is never
 * modified afterwards. Two workers building the same one both succeed; the rename that loses
 * discards its temporary and reports the directory as cached. Temporaries a crashed worker left are
 * removed when a store or environments directory is opened (those older than a threshold) or by
 * {@code cleanTemporaries}. Files are not fsync'ed before the rename: a power loss (not a process
 * crash) on a local file system may leave a published entry with empty files.
 *
 * <h2>Failures</h2>
 * Every failure is a {@link io.smolsnake.core.store.StoreException} with a stable
 * {@link io.smolsnake.core.store.StoreException.Kind}; a failed installation or assembly leaves
 * neither an entry nor a temporary behind.
 */
package io.smolsnake.core.store;
