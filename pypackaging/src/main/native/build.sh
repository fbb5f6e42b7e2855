#!/usr/bin/env bash
# Builds libsmolsnake-native.so (native.c, with libdeflate and libcrypto linked in statically) into
# the classes directory given as $1, for the platform this build runs on; $2 is the JDK whose JNI
# headers to use. Optional: without gcc or the libraries' development files it is left out, and
# smolsnake inflates and hashes with the JDK instead (the same results, slower). On Debian/Ubuntu:
# apt-get install gcc libdeflate-dev libssl-dev
set -euo pipefail
classes="$1"; jdk="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  *) echo "native library: not built for $(uname -s)-$(uname -m) (the JDK's zlib and SHA-256 are used there)"; exit 0 ;;
esac
skip() { echo "native library: not built ($1); wheels are inflated and hashed by the JDK. For libdeflate and OpenSSL's SHA-256: apt-get install gcc libdeflate-dev libssl-dev"; exit 0; }
command -v gcc >/dev/null 2>&1 || skip "no gcc"
[ -f "$jdk/include/jni.h" ] || skip "no JNI headers under $jdk/include"
static_lib() { # NAME: the static library's path, or nothing
  local dir
  for dir in /usr/lib/$(uname -m)-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
    if [ -f "$dir/$1" ]; then echo "$dir/$1"; return; fi
  done
}
deflate="$(static_lib libdeflate.a)"; [ -n "$deflate" ] || skip "no libdeflate.a"
crypto="$(static_lib libcrypto.a)"; [ -n "$crypto" ] || skip "no libcrypto.a"
echo '#include <libdeflate.h>' | gcc -E -x c - >/dev/null 2>&1 || skip "no libdeflate.h"
echo '#include <openssl/sha.h>' | gcc -E -x c - >/dev/null 2>&1 || skip "no openssl/sha.h"
out="$classes/native/$platform"
mkdir -p "$out"
rm -f "$out/libsmolsnake-inflate.so" # the library's name before it hashed too
gcc -O2 -fPIC -shared -fvisibility=hidden -Wall -Werror -o "$out/libsmolsnake-native.so.tmp" \
  -I"$jdk/include" -I"$jdk/include/linux" "$here/native.c" "$deflate" "$crypto" -Wl,--exclude-libs,ALL -Wl,-z,noexecstack -s
mv -f "$out/libsmolsnake-native.so.tmp" "$out/libsmolsnake-native.so"
echo "native library: built $out/libsmolsnake-native.so (libdeflate from $deflate, SHA-256 from $crypto)"
