# Shared by scripts/run, scripts/test and scripts/bench. Sourced, not run.
set -euo pipefail

SLUICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLUICE_BUILD="${SLUICE_BUILD:-$SLUICE_ROOT/build}"

# Every Debian 12 package the build, the tests and the GUI use.
SLUICE_PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n linguist-qt6
    qt6-qpa-plugins libgl-dev
    qt6-charts-dev libqt6opengl6-dev   # the monitor's charts; Qt6Charts' CMake config needs Qt6OpenGL's, which Debian does not pull in
    nlohmann-json3-dev libsqlite3-dev libyaml-cpp-dev postgresql
    fonts-dejavu-core
    openssl curl
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: need root or sudo to run: $*" >&2
        return 1
    fi
}

# Installs only what is missing, so a second run costs one dpkg-query.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Installing: ${missing[*]}" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

# Configures once, then builds incrementally.
build_sluice() {
    local generator=()
    command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
    if [ ! -f "$SLUICE_BUILD/CMakeCache.txt" ]; then
        cmake -S "$SLUICE_ROOT" -B "$SLUICE_BUILD" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$SLUICE_BUILD" --parallel "$(nproc)" "$@"
}
