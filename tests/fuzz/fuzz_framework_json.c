/* Fuzz the framework JSON reader: any input either parses into a framework
 * whose invariants hold or is refused with a message. */
#include <stdlib.h>
#include <string.h>

#include "app/setup/framework.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct framework f;
	struct cairn_err err = { 0 };

	if (framework_from_json((const char *)data, size, "fuzz.json", &f, &err) == CAIRN_OK) {
		if (f.scale.nlevels < 2 || f.nqis == 0 || f.nkqs == 0)
			abort();
		for (size_t i = 1; i < f.scale.nlevels; i++)
			if (f.scale.levels[i].value >= f.scale.levels[i - 1].value)
				abort();
		for (size_t i = 0; i < f.nqis; i++)
			if (framework_kq(&f, f.qis[i].kq) == NULL)
				abort();
		framework_free(&f);
	} else if (err.msg[0] == '\0') {
		abort();
	}
	return 0;
}
