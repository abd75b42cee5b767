// SPDX-License-Identifier: GPL-3.0-or-later
// Build tool: renders the SVG application icon to a square PNG (the 256 px hicolor icon of the package).
//
// usage: awb_render_icon INPUT.svg OUTPUT.png SIZE
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char *argv[])
{
    // No display is needed: the SVG image plugin renders into a QImage. A private runtime directory keeps
    // Qt quiet on build machines without a session.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    const QTemporaryDir runtime;
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR") && runtime.isValid()) {
        qputenv("XDG_RUNTIME_DIR", runtime.path().toLocal8Bit());
    }
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    bool ok = false;
    const int size = args.value(3).toInt(&ok);
    if (args.size() != 4 || !ok || size < 16 || size > 4096) {
        std::fputs("usage: awb_render_icon INPUT.svg OUTPUT.png SIZE\n", stderr);
        return 2;
    }
    QImageReader reader(args.at(1));
    reader.setScaledSize(QSize(size, size));
    const QImage image = reader.read().convertToFormat(QImage::Format_ARGB32);
    if (image.isNull() || image.size() != QSize(size, size)) {
        std::fprintf(stderr, "awb_render_icon: cannot render %s: %s\n", qPrintable(args.at(1)),
                     qPrintable(reader.errorString()));
        return 1;
    }
    if (!image.save(args.at(2), "PNG")) {
        std::fprintf(stderr, "awb_render_icon: cannot write %s\n", qPrintable(args.at(2)));
        return 1;
    }
    return 0;
}
