#pragma once

#include "core/Result.h"

#include <QObject>
#include <QTest>

#include <optional>

namespace Sitrep::Test {

// Runs one asynchronous client call (start(context, callback)) and waits for its callback: empty when it
// did not call back within timeoutMs. The context dies on return, so a late answer calls nothing.
template<typename T, typename Start>
std::optional<Core::Result<T>> awaitResult(Start start, int timeoutMs = 20000)
{
    std::optional<Core::Result<T>> out;
    QObject context;
    start(&context, [&out](Core::Result<T> r) { out.emplace(std::move(r)); });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs);
    return out;
}

} // namespace Sitrep::Test
