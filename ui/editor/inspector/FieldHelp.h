#pragma once

#include <QCoreApplication>
#include <QString>

namespace sluice::ui {

/// Label, one-line caption and longer help (tooltip / What's This) of each inspector field, worded after
/// the States Language spec and the Step Functions developer guide. Keyed by the ASL field name.
class FieldHelp
{
    Q_DECLARE_TR_FUNCTIONS(sluice::ui::FieldHelp)
public:
    QString label;   ///< short form label, e.g. "Input path"
    QString caption; ///< one line under the field
    QString help;    ///< a paragraph: what the field does, its default, its ASL name

    /// The help of `key` ("InputPath", "Retry", ...); empty texts for a key it does not know.
    static FieldHelp of(const QString &key);
};

} // namespace sluice::ui
