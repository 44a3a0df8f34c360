#!/usr/bin/env python3
"""The device gate: size, RAM and stack of each device program against examples/device/budgets.txt.

Usage: device_size.py <build dir of examples/device for arm-none-eabi> <budgets.txt>
Prints one table; exits 1 when a program is over a hard budget.
- flash: text+data of <program>.elf minus baseline.elf (start-up and HAL stubs cancel out);
- state: the bytes of the program's `library_state::` objects (the sessions and buffers otawire
  needs, by the programs' convention);
- stack: the deepest call path below any otawire function, from gcc's -fcallgraph-info=su
  (each function's static frame plus its worst callee's); dynamic frames or unresolved indirect
  calls make the figure a lower bound, so they are flagged.
"""
import glob, os, re, subprocess, sys

build, budgets_file = sys.argv[1], sys.argv[2]

def size(elf):
    out = subprocess.run(["arm-none-eabi-size", "-A", elf], check=True, capture_output=True, text=True).stdout
    sec = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\.\S+)\s+(\d+)", out, re.M)}
    text = sec.get(".text", 0) + sec.get(".ARM.exidx", 0)
    return text, sec.get(".data", 0), sec.get(".bss", 0)

def library_state(elf):
    out = subprocess.run(["arm-none-eabi-nm", "-S", "-C", elf], check=True, capture_output=True, text=True).stdout
    total = 0
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and "library_state::" in parts[3]:
            total += int(parts[1], 16)
    return total

def callgraph(objdir):
    frames, edges, flagged = {}, {}, set()
    for ci in glob.glob(os.path.join(objdir, "**", "*.ci"), recursive=True):
        text = open(ci, encoding="utf-8", errors="replace").read()
        for m in re.finditer(r'node: \{ title: "([^"]+)" label: "([^"]*)"', text):
            title, label = m.group(1), m.group(2)
            s = re.search(r"(\d+) bytes \((\w+)", label)
            if s:
                frames[title] = max(frames.get(title, 0), int(s.group(1)))
                if s.group(2) != "static":
                    flagged.add(title)
            names = label.split("\\n")
            if names:
                frames.setdefault(title, 0)
                NAMES[title] = names[0]
        for m in re.finditer(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', text):
            edges.setdefault(m.group(1), set()).add(m.group(2))
    return frames, edges, flagged

NAMES = {}

def worst(fn, frames, edges, memo, stack):
    if fn in memo:
        return memo[fn]
    if fn in stack:  # recursion: unbounded, report it
        return float("inf")
    stack.add(fn)
    below = max((worst(c, frames, edges, memo, stack) for c in edges.get(fn, ())), default=0)
    stack.discard(fn)
    memo[fn] = frames.get(fn, 0) + below
    return memo[fn]

budgets, stack_budget, pending = {}, None, {}
for line in open(budgets_file):
    fields = line.split("#")[0].split()
    if not fields:
        continue
    if fields[0] == "pending":  # pending <program> <flash|state|stack> <ratchet>
        pending[(fields[1], fields[2])] = int(fields[3])
    elif fields[0] == "stack":
        stack_budget = int(fields[1])
    else:
        budgets[fields[0]] = tuple(int(x) for x in fields[1:4])

base_text, base_data, base_bss = size(os.path.join(build, "baseline.elf"))
failed = False
print(f"{'program':<8} {'text':>6} {'data':>5} {'bss':>5} {'flash':>6} {'budget':>6} {'target':>6} "
      f"{'state':>5} {'budget':>6} {'stack':>6} {'budget':>6}  deepest otawire call")
for name, (flash_budget, flash_target, state_budget) in budgets.items():
    elf = os.path.join(build, name, f"{name}.elf")  # each program builds in its own subfolder
    if not os.path.exists(elf):
        print(f"{name:<8} missing: {elf} was not built")
        failed = True
        continue
    text, data, bss = size(elf)
    text, data, bss = text - base_text, data - base_data, bss - base_bss
    flash = text + data
    state = library_state(elf)
    frames, edges, flagged = callgraph(os.path.join(build, name, "CMakeFiles", f"{name}.elf.dir"))
    memo = {}
    deepest, deepest_fn = 0, "-"
    for fn in frames:
        # Functions of namespace otawire (the title is `<file>:<mangled name>[.clone]`).
        if re.match(r"_ZN[KVRO]*7otawire", fn.rsplit(":", 1)[-1]):
            d = worst(fn, frames, edges, memo, set())
            if d > deepest:
                deepest, deepest_fn = d, NAMES.get(fn, fn)
    over, known = [], []
    for what, figure, budget in (("flash", flash, flash_budget), ("state", state, state_budget),
                                 ("stack", deepest, stack_budget)):
        if budget is None or figure <= budget:
            continue
        ratchet = pending.get((name, what))
        if ratchet is not None and figure <= ratchet:
            known.append(f"{what} (known shortfall, may not exceed {ratchet})")
        else:
            over.append(what)
    failed |= bool(over)
    mark = ("  OVER BUDGET: " + ", ".join(over) if over else "") + \
           ("  OVER BUDGET, PENDING: " + ", ".join(known) if known else "")
    dyn = " (dynamic frames: " + ", ".join(sorted(NAMES.get(f, f) for f in flagged))[:120] + ")" if flagged else ""
    print(f"{name:<8} {text:>6} {data:>5} {bss:>5} {flash:>6} {flash_budget:>6} {flash_target:>6} "
          f"{state:>5} {state_budget:>6} {deepest:>6} {stack_budget:>6}  {deepest_fn[:70]}{dyn}{mark}")
print(f"(baseline image: text {base_text}, data {base_data}, bss {base_bss}; flash = text+data above it)")
sys.exit(1 if failed else 0)
