#!/bin/sh
# Starts S3Proxy as dev/'s S3Server does, listening on port 9000 of every interface, with the credentials of
# S3_ACCESS_KEY / S3_SECRET_KEY (the store Secret's accessKey and secretKey in the containerised system test).
set -eu
data="${S3_DATA:-/tmp/s3}"
mkdir -p "$data/objects"
cat > "$data/s3proxy.conf" <<PROPERTIES
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.identity=$S3_ACCESS_KEY
jclouds.credential=$S3_SECRET_KEY
jclouds.filesystem.basedir=$data/objects
PROPERTIES
exec java -Xms64m -Xmx256m -jar /opt/s3proxy/s3proxy.jar --properties "$data/s3proxy.conf"
