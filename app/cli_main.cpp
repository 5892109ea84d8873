#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sluice-cli"));
    QTextStream(stdout) << "usage: sluice-cli COMMAND ...\n";
    return 0;
}
