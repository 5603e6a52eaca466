#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The livepatch selftests (livepatch_test.c, livepatch_module_test.c) on
# the kit image with unwinder $1 (orc|fp), then their log compared with
# upstream's wording and order: each block below is what upstream's
# tools/testing/selftests/livepatch (test-livepatch.sh, test-callbacks.sh,
# test-state.sh) expect for the same event, with the kit's names for the
# modules (livepatch-glue/ prints "kit: " before each line), and must
# appear as consecutive lines of the core and of the test modules.
set -uo pipefail
cd "$(dirname "$0")/../.."
. selftests/lib/ktap.sh

unwinder=${1:?orc or fp}
out=$(selftests/kit/run-kit.sh "$unwinder" selftest livepatch livepatch_module 2>&1)
status=$?
report_info "$out"
report $status "selftests livepatch and livepatch_module on kit-$unwinder exit 0"

# The core's lines without the kit's prefix, and the test modules' lines.
lines=$'\n'$(sed -n -e 's/^kit: \(livepatch: \)/\1/p' -e '/^klp_modpatch: /p' \
	-e '/^klpmod_target: /p' <<<"$out")$'\n'

block() {	# block DESCRIPTION LINE...: the lines appear in a row ("livepatch: " added
	local d=$1 want=$'\n' l	# to those not starting with a module's name)
	shift
	for l in "$@"; do
		case $l in
		klp_modpatch:*|klpmod_target:*) want+="$l"$'\n' ;;
		*) want+="livepatch: $l"$'\n' ;;
		esac
	done
	[[ $lines == *"$want"* ]]
	report $? "$d"
}

absent() {	# absent DESCRIPTION LINE: no such line
	[[ $lines != *$'\n'"livepatch: $2"$'\n'* ]]
	report $? "$1"
}

block "enable: upstream's five lines" \
	"enabling patch 'klp_p1'" \
	"'klp_p1': initializing patching transition" \
	"'klp_p1': starting patching transition" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "disable reversed by writing 1: reversing, then patching again" \
	"'klp_p1': initializing unpatching transition" \
	"'klp_p1': starting unpatching transition" \
	"'klp_p1': reversing transition from unpatching to patching" \
	"'klp_p1': starting patching transition" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "disable completed after a fake signal" \
	"'klp_p1': initializing unpatching transition" \
	"'klp_p1': starting unpatching transition" \
	"signaling remaining tasks" \
	"'klp_p1': completing unpatching transition" \
	"'klp_p1': unpatching complete"
block "force" \
	"forcing remaining tasks to the patched state" \
	"'klp_p1': completing patching transition" \
	"'klp_p1': patching complete"
block "incompatible states: upstream's error text" \
	"Livepatch patch (klp_oldstate) is not compatible with the already installed livepatches."
absent "incompatible states: the patch is never enabled" "enabling patch 'klp_oldstate'"
block "missing symbol: upstream's error text" \
	"symbol 'klp_victim_no_such_function' not found in symbol table"
absent "missing symbol: the patch is never enabled" "enabling patch 'klp_missing'"
block "failing pre_patch: upstream's cancel sequence" \
	"enabling patch 'klp_cbfail'" \
	"'klp_cbfail': initializing patching transition" \
	"pre-patch callback failed for object 'vmlinux'" \
	"failed to enable patch 'klp_cbfail'" \
	"'klp_cbfail': canceling patching transition, going to unpatch" \
	"'klp_cbfail': completing unpatching transition" \
	"'klp_cbfail': unpatching complete"

# test-callbacks.sh, with klp_modpatch for the patch and klpmod_target for
# its target module (the kit's patch has no vmlinux object: those lines go)
LIVE="[MODULE_STATE_LIVE] Normal state"
COMING="[MODULE_STATE_COMING] Full formed, running module_init"
GOING="[MODULE_STATE_GOING] Going away"
block "target loaded first: the enable, callbacks with the module live" \
	"enabling patch 'klp_modpatch'" \
	"'klp_modpatch': initializing patching transition" \
	"klp_modpatch: pre_patch_callback: klpmod_target -> $LIVE" \
	"'klp_modpatch': starting patching transition" \
	"'klp_modpatch': completing patching transition" \
	"klp_modpatch: post_patch_callback: klpmod_target -> $LIVE" \
	"'klp_modpatch': patching complete"
block "target unloaded under the patch: reverted as it goes" \
	"klpmod_target: klpmod_target_exit" \
	"klp_modpatch: pre_unpatch_callback: klpmod_target -> $GOING" \
	"reverting patch 'klp_modpatch' on unloading module 'klpmod_target'" \
	"klp_modpatch: post_unpatch_callback: klpmod_target -> $GOING"
block "target loaded after the patch: applied as it comes, before its init" \
	"applying patch 'klp_modpatch' to loading module 'klpmod_target'" \
	"klp_modpatch: pre_patch_callback: klpmod_target -> $COMING" \
	"klp_modpatch: post_patch_callback: klpmod_target -> $COMING" \
	"klpmod_target: klpmod_target_init"
block "disable with the target loaded" \
	"'klp_modpatch': initializing unpatching transition" \
	"klp_modpatch: pre_unpatch_callback: klpmod_target -> $LIVE" \
	"'klp_modpatch': starting unpatching transition" \
	"'klp_modpatch': completing unpatching transition" \
	"klp_modpatch: post_unpatch_callback: klpmod_target -> $LIVE" \
	"'klp_modpatch': unpatching complete"
block "pre_patch failing as the target comes: the module is refused" \
	"applying patch 'klp_modpatch' to loading module 'klpmod_target'" \
	"klp_modpatch: pre_patch_callback: klpmod_target -> $COMING" \
	"pre-patch callback failed for object 'klpmod_target'" \
	"patch 'klp_modpatch' failed for module 'klpmod_target', refusing to load module 'klpmod_target'"
report_summary
