#!/bin/sh
# A release build that embeds its version: stampguard refuses to stamp anything but a clean,
# tagged release, so the build never starts from a checkout that would carry
# "0.1.0-284+0214af08731054-dirty". For a development build, pass --dev.
set -eu
guard=${STAMPGUARD:-node_modules/.bin/stampguard}  # the bin itself: npx adds ~0.25 s
mkdir -p build
$guard stamp --out build/version.json ${1:+"$1"}
version=$(node -p "require('./build/version.json').version")
echo "console.log('app $version');" > build/app.js
echo "built app $version"
