#include "ErrorText.h"

namespace sluice::ui {

QString ErrorText::title(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotJson:
        return tr("Not JSON");
    case ErrorCode::BadDefinition:
        return tr("Invalid definition");
    case ErrorCode::UnknownField:
        return tr("Unknown field");
    case ErrorCode::MissingField:
        return tr("Missing field");
    case ErrorCode::WrongType:
        return tr("Wrong type");
    case ErrorCode::UnknownState:
        return tr("Unknown state");
    case ErrorCode::Unreachable:
        return tr("Unreachable state");
    case ErrorCode::BadPath:
        return tr("Invalid path");
    case ErrorCode::BadTemplate:
        return tr("Invalid payload template");
    case ErrorCode::BadIntrinsic:
        return tr("Invalid intrinsic function");
    case ErrorCode::BadChoiceRule:
        return tr("Invalid Choice rule");
    case ErrorCode::IoError:
        return tr("Input/output error");
    case ErrorCode::InvalidArgument:
        return tr("Invalid argument");
    case ErrorCode::Cancelled:
        return tr("Cancelled");
    case ErrorCode::NotYaml:
        return tr("Not YAML");
    }
    return tr("Error");
}

} // namespace sluice::ui
