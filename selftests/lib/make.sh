# SPDX-License-Identifier: GPL-2.0
#
# A make a test starts is a make of its own, not a sub-make of the
# "make check" that started the test:
#
#	. selftests/lib/make.sh
#	separate_make ARGS...		nice make ARGS..., without the
#					caller's MAKEFLAGS
#
# make hands its command-line variables to every make below it through
# MAKEFLAGS in the environment.  "make O=build-san SAN=1 check" would so
# give kbuild O=build-san (kbuild's output folder: the headers' build then
# finds no auto.conf), and give the kit's own "make patch" variables and
# a jobserver the patch author never gave it.

separate_make() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS nice make "$@"
}
