#pragma once

#include "Result.h"

#include <QCoreApplication>

namespace sluice::ui {

/// Puts core/'s ErrorCodes into words for people: the one place where they are translated.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(sluice::ui::ErrorText)
public:
    /// A short title for `code`, e.g. "Unknown state".
    static QString title(ErrorCode code);
};

} // namespace sluice::ui
