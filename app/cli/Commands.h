#pragma once

#include <QStringList>

namespace sluice::cli {

/// Exit codes of sluice-cli.
enum Exit { kOk = 0, kFailed = 1, kUsage = 2 };

/// `sluice-cli validate FILE...`
int validate(const QStringList &args);
/// `sluice-cli run FILE [options]`
int run(const QStringList &args);

} // namespace sluice::cli
