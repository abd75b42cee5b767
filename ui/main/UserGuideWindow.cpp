// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/UserGuideWindow.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QEvent>
#include <QFileInfo>
#include <QImage>
#include <QKeySequence>
#include <QPixmap>
#include <QRegularExpression>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QUrl>
#include <QVBoxLayout>

#include <vector>

namespace awb::ui {

namespace {

constexpr int kImageMargin = 8; // px kept free beside a picture scaled to the window

bool isMarkdown(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("md") || suffix == QLatin1String("markdown");
}

/// The anchor a Markdown heading gets on the web ("2. The top 5% buyers" -> "2-the-top-5-buyers"), which is
/// what the guide's own links name; Qt's Markdown reader gives headings no anchors.
QString headingAnchor(const QString &heading)
{
    QString anchor;
    for (const QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_') {
            anchor += c;
        } else if (c.isSpace()) {
            anchor += u'-';
        }
    }
    return anchor;
}

QUrl withoutFragment(QUrl url)
{
    url.setFragment({});
    return url;
}

/// A text browser that reads Markdown without its HTML comments. The guide marks the figures its
/// screenshot script fills in with comments (<!--n:events-->69,474<!--/n-->), and a line that starts
/// with one is an HTML block to the Markdown reader, which then runs it into its neighbours.
class GuideBrowser : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

    QVariant loadResource(int type, const QUrl &name) override
    {
        QVariant resource = QTextBrowser::loadResource(type, name);
        if (type != QTextDocument::MarkdownResource) {
            return resource;
        }
        static const QRegularExpression comment(QStringLiteral("<!--.*?-->"),
                                                QRegularExpression::DotMatchesEverythingOption);
        QString text = resource.userType() == QMetaType::QByteArray
                           ? QString::fromUtf8(resource.toByteArray())
                           : resource.toString();
        return text.remove(comment);
    }
};

} // namespace

UserGuideWindow::UserGuideWindow(QWidget *parent)
    : QWidget(parent, Qt::Window), m_browser(new GuideBrowser(this))
{
    setObjectName(QStringLiteral("userGuideWindow"));
    setWindowTitle(tr("User guide"));
    m_browser->setObjectName(QStringLiteral("userGuideBrowser"));
    // Links are followed here: within the guide in this window, anything else by the desktop.
    m_browser->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    resize(960, 720);

    auto *close = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &UserGuideWindow::follow);
    m_browser->viewport()->installEventFilter(this);
}

void UserGuideWindow::showGuide(const QString &guide)
{
    load(QUrl::fromLocalFile(QFileInfo(guide).absoluteFilePath()));
}

QString UserGuideWindow::guide() const
{
    return m_browser->source().toLocalFile();
}

void UserGuideWindow::follow(const QUrl &link)
{
    const QUrl target = m_browser->source().resolved(link);
    if (target.isLocalFile() && isMarkdown(target.toLocalFile())) {
        load(target);
        return;
    }
    QDesktopServices::openUrl(target);
}

void UserGuideWindow::load(const QUrl &url)
{
    const QUrl file = withoutFragment(url);
    if (file != withoutFragment(m_browser->source())) {
        const QString folder = QFileInfo(file.toLocalFile()).absolutePath();
        m_browser->setSearchPaths({folder});
        m_browser->setSource(file, QTextDocument::MarkdownResource);
        m_imageSizes.clear();
        const QTextBlock first = m_browser->document()->firstBlock();
        setWindowTitle(first.blockFormat().headingLevel() > 0 ? first.text() : QFileInfo(folder).fileName());
        fitImages();
    }
    scrollToHeading(url.fragment(QUrl::FullyDecoded));
}

void UserGuideWindow::scrollToHeading(const QString &fragment)
{
    QTextDocument *doc = m_browser->document();
    for (QTextBlock block = doc->begin(); block.isValid() && !fragment.isEmpty(); block = block.next()) {
        if (block.blockFormat().headingLevel() > 0 && headingAnchor(block.text()) == fragment) {
            const qreal top = doc->documentLayout()->blockBoundingRect(block).top();
            m_browser->verticalScrollBar()->setValue(static_cast<int>(top));
            return;
        }
    }
    m_browser->verticalScrollBar()->setValue(0);
}

QSize UserGuideWindow::imageSize(const QString &name)
{
    if (const auto known = m_imageSizes.constFind(name); known != m_imageSizes.cend()) {
        return *known;
    }
    // The document loads a picture through the browser (relative to the guide) and caches it, as raw
    // bytes until it is first drawn, then as an image.
    const QVariant resource = m_browser->document()->resource(QTextDocument::ImageResource, QUrl(name));
    QSize size;
    switch (resource.userType()) {
    case QMetaType::QImage:
        size = resource.value<QImage>().size();
        break;
    case QMetaType::QPixmap:
        size = resource.value<QPixmap>().size();
        break;
    case QMetaType::QByteArray:
        size = QImage::fromData(resource.toByteArray()).size();
        break;
    default:
        break;
    }
    m_imageSizes.insert(name, size);
    return size;
}

void UserGuideWindow::fitImages()
{
    QTextDocument *doc = m_browser->document();
    const int room = qMax(200, m_browser->viewport()->width() - 2 * static_cast<int>(doc->documentMargin()) -
                                   kImageMargin);
    struct Picture
    {
        int position;
        int length;
        QTextImageFormat format;
    };
    std::vector<Picture> pictures;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isImageFormat()) {
                pictures.push_back(
                    {fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()});
            }
        }
    }
    for (Picture &p : pictures) {
        const QSize natural = imageSize(p.format.name());
        if (natural.isEmpty()) {
            continue;
        }
        const int width = qMin(natural.width(), room);
        if (qFuzzyCompare(p.format.width(), qreal(width))) {
            continue;
        }
        p.format.setWidth(width);
        p.format.setHeight(qreal(natural.height()) * width / natural.width());
        QTextCursor cursor(doc);
        cursor.setPosition(p.position);
        cursor.setPosition(p.position + p.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(p.format);
    }
}

bool UserGuideWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The pictures follow the width of the page they are drawn in.
    if (watched == m_browser->viewport() && event->type() == QEvent::Resize) {
        fitImages();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace awb::ui
