/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _KIT_FRAME_READABLE_H
#define _KIT_FRAME_READABLE_H
/*
 * May a walk by hand read [addr, addr + len)?  @data is the walk's (the
 * task whose stack it is).  The type of arch_frame_record_step()'s check
 * (kit/frame_record.h), which a port's asm/ptrace.h defines.
 */
#include <stdbool.h>
#include <stddef.h>

typedef bool (*frame_readable_fn)(unsigned long addr, size_t len, const void *data);

#endif
