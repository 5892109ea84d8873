#include "MainWindow.h"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QStatusBar>

namespace sluice::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setCentralWidget(m_text);
    setWindowTitle(tr("Sluice"));
}

bool MainWindow::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        statusBar()->showMessage(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    m_text->setPlainText(QString::fromUtf8(file.readAll()));
    setWindowTitle(tr("%1 - Sluice").arg(QFileInfo(path).fileName()));
    return true;
}

} // namespace sluice::ui
