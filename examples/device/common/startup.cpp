// Minimal Cortex-M3 start-up for the device programs: a vector table, .data/.bss set-up, then
// device_main(). Nothing from the C runtime's start files (crt0 would bring exit/atexit machinery
// that a firmware image does not carry); the size baseline (baseline.cpp) links the same file, so
// it cancels out of every figure.
#include <cstdint>

extern "C" {
extern std::uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
int device_main();
[[noreturn]] void Reset_Handler();
[[noreturn]] void Default_Handler();
}

[[noreturn]] void Reset_Handler() {
  const std::uint32_t* from = &_sidata;
  for (std::uint32_t* to = &_sdata; to < &_edata;) *to++ = *from++;
  for (std::uint32_t* to = &_sbss; to < &_ebss;) *to++ = 0;
  (void)device_main();
  for (;;) {
  }
}

[[noreturn]] void Default_Handler() {
  for (;;) {
  }
}

// Reset, NMI, HardFault: enough for the part to boot; the rest of the table is the application's.
__attribute__((section(".isr_vector"), used)) void (*const vector_table[])() = {
    reinterpret_cast<void (*)()>(&_estack), Reset_Handler, Default_Handler, Default_Handler};
