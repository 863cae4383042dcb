#!/bin/sh
# Compose's one-shot `nats-credentials` service (and anyone by hand): one random password per NATS user of
# nats/auth.conf into DIR (default /secrets), kept once made. DIR/<user> holds a password alone (a service reads it
# through Nats__PasswordFile); DIR/passwords.env exports NATS_<USER>_PASSWORD for nats-server to read.
set -eu
dir=${1:-/secrets}
mkdir -p "$dir"
umask 022
: >"$dir/passwords.env.new"
for user in kit api producer processors loadsim; do
  if [ ! -s "$dir/$user" ]; then
    # A letter first: nats-server reads an environment variable as a config value, and "7e3..." or "123" is a number.
    { printf 'n'; head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; } >"$dir/$user"
  fi
  echo "export NATS_$(echo "$user" | tr 'a-z' 'A-Z')_PASSWORD=$(cat "$dir/$user")" >>"$dir/passwords.env.new"
done
mv "$dir/passwords.env.new" "$dir/passwords.env"
echo "NATS passwords ready in $dir (users: kit api producer processors loadsim)"
