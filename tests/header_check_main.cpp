// Each public header is compiled alone in its own generated translation unit; linking them all
// into this program proves they are self-contained and that their inline definitions agree.
int main() { return 0; }
