#!/usr/bin/env bash
# CI: installs headless Chromium (the report tests render the HTML reports in it) and Jupyter
# with pandas and matplotlib (the notebooks), from Debian packages. Run before `mvn -B verify`,
# or ReportBrowserTest / ReportPublisherTest skip their browser checks. Needs root (or sudo).
set -euo pipefail

packages=(chromium jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas python3-matplotlib)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "== install-browsers: all present (${packages[*]})"
else
  echo "== install-browsers: installing ${missing[*]}"
  sudo_cmd=()
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium --version
/usr/bin/python3 -c 'import pandas, matplotlib, nbclient, ipykernel; print("python3: pandas", pandas.__version__, "matplotlib", matplotlib.__version__)'
jupyter nbconvert --version | sed 's/^/jupyter nbconvert /'
