#!/usr/bin/env bash
# Builds libsmolsnake-inflate.so (inflate.c, with libdeflate linked in statically) into the classes
# directory given as $1, for the platform this build runs on; $2 is the JDK whose JNI headers to use.
# Optional: without gcc or libdeflate's development files the library is left out, and smolsnake
# inflates with the JDK's zlib instead (the same results, about twice as slow). On Debian/Ubuntu:
# apt-get install gcc libdeflate-dev
set -euo pipefail
classes="$1"; jdk="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-aarch64 ;;
  *) echo "native inflate: not built for $(uname -s)-$(uname -m) (the JDK's zlib is used there)"; exit 0 ;;
esac
skip() { echo "native inflate: not built ($1); wheels are inflated with the JDK's zlib. For the faster libdeflate: apt-get install gcc libdeflate-dev"; exit 0; }
command -v gcc >/dev/null 2>&1 || skip "no gcc"
[ -f "$jdk/include/jni.h" ] || skip "no JNI headers under $jdk/include"
static=""
for dir in /usr/lib/$(uname -m)-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
  if [ -f "$dir/libdeflate.a" ]; then static="$dir/libdeflate.a"; break; fi
done
[ -n "$static" ] || skip "no libdeflate.a"
echo '#include <libdeflate.h>' | gcc -E -x c - >/dev/null 2>&1 || skip "no libdeflate.h"
out="$classes/native/$platform"
mkdir -p "$out"
gcc -O2 -fPIC -shared -fvisibility=hidden -Wall -Werror -o "$out/libsmolsnake-inflate.so.tmp" \
  -I"$jdk/include" -I"$jdk/include/linux" "$here/inflate.c" "$static" -Wl,-z,noexecstack -s
mv -f "$out/libsmolsnake-inflate.so.tmp" "$out/libsmolsnake-inflate.so"
echo "native inflate: built $out/libsmolsnake-inflate.so (libdeflate from $static)"
