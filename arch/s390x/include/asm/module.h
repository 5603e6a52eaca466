/* SPDX-License-Identifier: GPL-2.0 */
/* s390x module placement. */
#ifndef _ASM_MODULE_H
#define _ASM_MODULE_H

/*
 * Module memory lies within this many bytes of the image's start, as on
 * the other ports: far inside brasl's +-4 GiB, so calls into the kit and
 * the ftrace site's branch to the trampoline need no PLT; a PLT entry
 * exists for targets placed further away.
 */
#define ARCH_MODULE_NEAR	(96UL << 20)

#endif
