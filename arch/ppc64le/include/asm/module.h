/* SPDX-License-Identifier: GPL-2.0 */
/* ppc64le module placement. */
#ifndef _ASM_MODULE_H
#define _ASM_MODULE_H

/*
 * Module memory lies within this many bytes of the image's start: a bl
 * reaches +-32 MiB, and every enabled ftrace site in a module is a bl to
 * ftrace_regs_caller in kit text, so modules stay within that reach
 * (the image's text is well below 8 MiB).  Calls out of a module go
 * through stubs anyway (they save the module's TOC).
 */
#define ARCH_MODULE_NEAR	(24UL << 20)

#endif
