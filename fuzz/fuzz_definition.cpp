// libFuzzer target for core/definition: validate() and parse() must agree, never crash or throw, and
// whatever parses must survive serialize -> parse -> serialize byte for byte.
// Build: see fuzz/README.md (-DSLUICE_FUZZ=ON with clang).
#include "definition/Parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace sluice;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_definition: %s\n%s\n", what, detail.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    const std::vector<Error> errors = definition::validate(bytes);
    const auto parsed = definition::parse(bytes);

    if (parsed.ok() != errors.empty())
        fail("parse() and validate() disagree");
    if (!parsed) {
        const Error &first = parsed.error();
        if (first.code != errors.front().code || first.where.pointer != errors.front().where.pointer)
            fail("parse() does not report validate()'s first error", first.toString().toUtf8());
        for (const Error &e : errors) {
            if (e.message.isEmpty())
                fail("an error without a message");
            if (e.code != ErrorCode::NotJson && e.where.line == 0)
                fail("an error the locator could not place", e.toString().toUtf8());
        }
        return 0;
    }

    const QByteArray once = definition::serialize(*parsed.value());
    const auto again = definition::parse(once);
    if (!again)
        fail("serialize() wrote a definition that does not parse",
             again.error().toString().toUtf8() + "\n" + once);
    const QByteArray twice = definition::serialize(*again.value());
    if (twice != once)
        fail("serialize -> parse -> serialize is not stable", once + "\n----\n" + twice);
    if (definition::toJson(*again.value()) != definition::toJson(*parsed.value()))
        fail("toJson differs after a round trip", once);
    return 0;
}
