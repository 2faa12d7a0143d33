# Sourced by the setup scripts: apt_install LABEL PACKAGE... installs the given Debian
# packages (as root, or through sudo), or says what to install by hand.
apt_install() {
  local label=$1; shift
  echo "$label: installing $*"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$label: no apt-get here; install these packages (or your system's equivalents) by hand: $*" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "$label: need root to install $*; run as root or install sudo" >&2
      return 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$@"
  echo "$label: done"
}
