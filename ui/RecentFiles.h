#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace sluice::ui {

/// The "Recent Files" list: the last files opened, newest first, kept in QSettings. Fills a menu and
/// reports which entry was chosen. Lives on the GUI thread.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 8;

    /// `menu` is filled from the list whenever it is about to show.
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    QStringList files() const;
    /// Puts `path` (made absolute) first, dropping duplicates and entries beyond kMaxEntries.
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

Q_SIGNALS:
    void fileChosen(const QString &path);

private:
    void fillMenu();
    void store(const QStringList &files);

    QMenu *m_menu;
};

} // namespace sluice::ui
