# SPDX-License-Identifier: GPL-2.0
#
# Shared by the klpctl tests: the kit image and the sample patch of $ARCH,
# and reply_of, which picks one command's reply out of a transcript in
# the protocol's form (docs/klpctl.md).  Sourced after ktap.sh.

ARCH=${ARCH:?}
O=${O:-build}
kit=$O/$ARCH/kit-orc
patch_ko=$O/$ARCH/modules/klp_demo_v2.ko
qemu=$(scripts/ports.sh qemu "$ARCH")
for f in "$kit" "$patch_ko"; do
	[ -e "$f" ] || { echo "missing $f (make kit-image ARCH=$ARCH)"; exit 1; }
done
# The workload: user tasks calling the demo's victim klp_demo_work(2000)
# through the syscall gate; it returns 1, and 2 once klp_demo_v2 patches it.
workload=(--user 2:klp_demo_work:2000 --kthread 1:klp_demo_work:100 --sleeper 1:20)

# reply_of FILE CMD: the lines after "> CMD" (a script transcript) up to
# and including its "ok" or "error ..." line; the kernel's own messages,
# printed while the command runs, are left out.
reply_of() {
	awk -v cmd="> $2" '
		$0 == cmd { on = 1; next }
		on && /^(= |ok$|ok |error )/ { print; if ($0 ~ /^(ok|error )/) exit }' "$1"
}

# A script's transcript is $work/out: r CMD is CMD's reply in it, and
# is DESCRIPTION CMD EXPECTED-REPLY reports whether it is EXPECTED-REPLY.
r() { reply_of "$work/out" "$1"; }
is() {
	local got
	got=$(r "$2")
	[ "$got" = "$3" ]
	report $? "$1" || report_info "$2: got: $got"
}
