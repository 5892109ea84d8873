#pragma once

#include <QMainWindow>

class QPlainTextEdit;

namespace sluice::ui {

/// The main window. For now it shows a definition read-only; the designer (issue 4) replaces the centre.
/// Lives on the GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    /// Opens an ASL definition read-only. Returns false (and says why in the status bar) if it cannot.
    bool openFile(const QString &path);

private:
    QPlainTextEdit *m_text = nullptr;
};

} // namespace sluice::ui
