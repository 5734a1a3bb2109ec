// Turns the print page into a book before Chromium prints it (tools/downloads/pdf.py). Runs once, in the page.
// Argument: {edition, built, siteUrl}. Returns the ids of the headings the contents list, in order.
({ edition, built, siteUrl }) => {
  const article = document.querySelector("article.md-content__inner");
  const heading = article.querySelector("h1");
  // The print page's own introduction tells a browser's reader how to print: the cover replaces it.
  for (let node = heading.nextElementSibling; node && !node.matches(".bs-print-edition"); ) {
    const next = node.nextElementSibling;
    node.remove();
    node = next;
  }
  const cover = document.createElement("section");
  cover.className = "bs-pdf-cover";
  const brand = document.createElement("p");
  brand.className = "bs-pdf-brand";
  brand.textContent = "Backend Skills";
  const facts = document.createElement("p");
  facts.className = "bs-pdf-facts";
  facts.textContent = `${edition}. Built on ${built} from ${siteUrl}, where every lesson is also online.`;
  heading.replaceWith(cover);
  cover.append(brand, heading, facts);

  // Links between lessons of this book stay in the file; any other link on the site goes to the site.
  const origin = location.origin + "/";
  for (const link of article.querySelectorAll("a[href]")) {
    const target = link.getAttribute("href");
    if (target.startsWith("#")) continue;
    const absolute = new URL(target, location.href).href;
    if (absolute.startsWith(origin)) link.href = siteUrl + absolute.slice(origin.length);
  }

  const contents = document.createElement("nav");
  contents.className = "bs-pdf-toc";
  contents.setAttribute("aria-labelledby", "bs-pdf-contents");
  const title = document.createElement("h2");
  title.id = "bs-pdf-contents";
  title.textContent = "Contents";
  const list = document.createElement("ol");
  const ids = [];
  for (const target of article.querySelectorAll('h2[id^="area-"], h3[id^="lesson-"]')) {
    const item = document.createElement("li");
    item.className = target.tagName === "H2" ? "bs-pdf-area" : "bs-pdf-lesson";
    const link = document.createElement("a");
    link.href = "#" + target.id;
    const name = document.createElement("span");
    name.className = "bs-pdf-title";
    name.textContent = target.textContent.replace("\u00b6", "").trim();
    const number = document.createElement("span");
    number.className = "bs-pdf-number";
    number.dataset.for = target.id;
    number.textContent = "000"; // as wide as the real numbers, so filling them in moves nothing
    link.append(name, number);
    item.append(link);
    list.append(item);
    ids.push(target.id);
  }
  contents.append(title, list);
  cover.after(contents);
  return ids;
}
