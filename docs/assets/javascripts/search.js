// Search: Material's search box, answered by Pagefind (macros/search/records.py builds the index).
//
// Material's search UI talks to a worker through four messages: SETUP (0) and READY (1), then QUERY (2)
// with the typed text and RESULT (3) with the results. overrides/partials/search.html hands Material a
// stand-in for that worker, which imports this module the first time a reader focuses the search box
// (or presses `/`, `f` or `s`), so nothing of the search is downloaded before it is used. Here each
// query goes to Pagefind, which fetches only the index chunks and result fragments it needs, and its
// results are turned into the groups Material renders: a page, then its matching sections. Also here:
// the area and level filters, and highlighting the searched words on the page a result opens.
// tests/test_search.py pins this contract in Chromium.

const READY = 1
const QUERY = 2
const RESULT = 3

// Results (sections) whose fragments are fetched per query, a kilobyte or so each: in batches, until
// they come from enough pages to fill the first screen.
const BATCH = 8
const MAX_RECORDS = 16
const MIN_PAGES = 4
const MAX_SECTIONS = 5
const TYPING_PAUSE = 40
const TYPING_PAUSE_FAST = 120
const SITE = new URL("../../", import.meta.url)
// Words that make a question read naturally but name no topic. Pagefind wants every word to match.
const FILLER = new Set((
  "a an and are between can difference do does for how i in is it my of on or should the to use using " +
  "vs versus what when where which who why with work works"
).split(" "))

let pagefind
let filtersView

function loadPagefind() {
  pagefind ??= import(new URL("pagefind/pagefind.js", SITE).href).then(async module => {
    // On the page, not in Pagefind's own worker: a search takes milliseconds here, the worker a download.
    await module.options({
      baseUrl: SITE.pathname,
      noWorker: true,
      excerptLength: 24,
      // Lessons are long and glossary terms short: length should decide little, matched words most.
      ranking: { pageLength: 0.3, termFrequency: 0.6, termSaturation: 1.0 }
    })
    await module.init()
    return module
  })
  return pagefind
}

// ---- the worker protocol ---------------------------------------------------------------------

export function connect(post) {
  let latest = ""
  let timer
  const run = async query => {
    const result = await search(query, () => query !== latest)
    if (result && query === latest) post({ type: RESULT, data: result })
  }
  // Material sends a query on every key; searching once typing pauses saves fetching result fragments
  // for every prefix of a word.
  let lastKey = 0
  const schedule = query => {
    latest = query
    clearTimeout(timer)
    // While keys come in quick succession the reader is still typing: wait for the pause after them.
    const now = performance.now()
    const pause = now - lastKey < TYPING_PAUSE_FAST ? TYPING_PAUSE_FAST : TYPING_PAUSE
    lastKey = now
    timer = setTimeout(() => run(query), pause)
  }
  loadPagefind().then(async module => {
    filtersView = await mountFilters(() => run(latest))
    post({ type: READY })
  })
  return {
    receive(message) {
      if (message && message.type === QUERY) schedule(message.data)
    }
  }
}

// The words Pagefind is asked for: symbols kept (C#, N+1, 401), filler words dropped.
export function searchWords(query) {
  // `I/O` and `A/B` are one word each, as the index has them (macros/search/records.py, _joined_initials).
  const joined = query.toLowerCase().replace(/\b([a-z])\/([a-z])\b/g, "$1$2")
  const words = joined.split(/[\s,;:!?"()[\]{}]+|\/|\.(?=\s|$)/).filter(Boolean)
  const meaningful = words.filter(word => !FILLER.has(word))
  return meaningful.length ? meaningful : words
}

export async function search(query, stale = () => false) {
  let words = searchWords(query)
  // A word of one letter matches every word with that initial, in several index chunks: wait for the
  // next letter (`C#`, `N+1` and `5xx` are longer).
  if (words.length > 1 && words[words.length - 1].length === 1) words = words.slice(0, -1)
  if (words.length === 1 && words[0].length === 1) return null  // keep what is shown
  if (!query.trim() || !words.length) return { items: [] }
  const module = await loadPagefind()
  if (stale()) return { items: [] }
  const filters = filtersView ? filtersView.selected() : {}
  let response = await module.search(words.join(" "), { filters })
  // Every word must match; when a reader's extra word matches nowhere, drop words from the end.
  for (let keep = words.length - 1; response.results.length === 0 && keep > 0; keep--)
    response = await module.search(words.slice(0, keep).join(" "), { filters })
  // Each result is one section of a page (see macros/search/records.py). Fetch the best few, then a few
  // more while they come from too few pages.
  const records = []
  for (let start = 0; start < response.results.length && start < MAX_RECORDS; start += BATCH) {
    const batch = response.results.slice(start, start + BATCH)
    const data = await Promise.all(batch.map(result => result.data()))
    batch.forEach((result, index) => records.push({ score: result.score, data: data[index] }))
    if (stale() || new Set(records.map(record => pageOf(record.data))).size >= MIN_PAGES) break
  }
  const terms = Object.fromEntries(words.map(word => [word, true]))
  const groups = groupByPage(records).map(group => render(group, words, terms))
  // A glossary term is short, so it scores high on its own words; it follows the first three pages
  // that teach the topic instead of crowding them out.
  const isTerm = item => item[0].location.includes("/glossary/#")
  const taught = groups.filter(item => !isTerm(item))
  const items = [...taught.slice(0, 3), ...groups.filter(isTerm), ...taught.slice(3)]
  return { items, suggest: suggestion(query, records[0] && records[0].data) }
}

// The page a record belongs to; a glossary term is a result of its own.
function pageOf(data) {
  const url = data.meta.url  // every record carries its page's URL (macros/search/records.py)
  return (data.filters.kind || []).includes("glossary") ? url : url.split("#")[0]
}

function groupByPage(records) {
  const pages = new Map()
  for (const record of records) {
    const key = pageOf(record.data)
    if (!pages.has(key)) pages.set(key, [])
    pages.get(key).push(record)
  }
  return [...pages.entries()]
}

// A page and its best sections, as Material's result renderer expects them.
function render([page, records], words, terms) {
  const best = records[0].score
  const own = records.find(record => !record.data.meta.section)
  const location = SITE.pathname + page.replace(/^\//, "")
  const title = escape(records[0].data.meta.title || page)
  const article = { location, title, text: own ? excerpt(own.data.excerpt) : "", score: best, terms }
  const sections = records
    .filter(record => record.data.meta.section)
    .slice(0, MAX_SECTIONS)
    .map((record, rank) => ({
      location: SITE.pathname + record.data.meta.url,
      title: escape(record.data.meta.section),
      text: excerpt(record.data.excerpt),
      // Material shows sections scoring at least the page's score and folds the rest under "more".
      // Only the best section shows, when it is the page's best match and its heading names the query
      // (Enter then opens it): the next pages stay in view.
      score: rank === 0 && record === records[0] && names(record.data.meta.section, words) ? best * 1.001 : best * 0.5,
      terms
    }))
  return [article, ...sections]
}

function names(title, words) {
  const text = title.toLowerCase()
  return words.some(word => text.includes(word.slice(0, Math.max(3, word.length - 2))))
}

function suggestion(query, page) {
  const last = query.toLowerCase().split(/\s+/).pop()
  if (!page || !last || last.length < 2) return []
  const word = (page.meta.title || "").toLowerCase().split(/[^a-z0-9#+.-]+/).find(w => w.startsWith(last))
  return word && word !== last ? [word] : []
}

// Material inserts titles and teasers as HTML: keep Pagefind's <mark>s and escape everything else.
function excerpt(html) {
  const template = document.createElement("template")
  template.innerHTML = html || ""
  let out = ""
  for (const node of template.content.childNodes)
    out += node.nodeName === "MARK" ? `<mark>${escape(node.textContent)}</mark>` : escape(node.textContent)
  return out
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`)
}

// ---- filters by skill area and level ---------------------------------------------------------

async function mountFilters(changed) {
  const result = document.querySelector("[data-md-component=search-result]")
  if (!result) return undefined
  const available = JSON.parse(result.closest("[data-bs-filters]")?.dataset.bsFilters || "{}")
  const box = document.createElement("div")
  box.className = "bs-search-filters"
  box.append(select("area", "Skill area", "All areas", available.area), select("level", "Level", "All levels", available.level))
  // Material's keyboard handling moves focus back to the search box on any key, and arrows through
  // the results: inside the filters, keys belong to the select boxes.
  box.addEventListener("keydown", event => { if (event.key !== "Escape") event.stopPropagation() })
  box.addEventListener("change", changed)
  result.prepend(box)
  addStyles()
  // Tab from the search box reaches the filters instead of closing the search.
  const query = document.querySelector("[data-md-component=search-query]")
  query?.addEventListener("keydown", event => {
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault()
      event.stopPropagation()
      box.querySelector("select").focus()
    }
  })
  return {
    selected() {
      const filters = {}
      for (const control of box.querySelectorAll("select"))
        if (control.value) filters[control.name] = control.value
      return filters
    }
  }
}

function select(name, label, all, values = []) {
  const wrapper = document.createElement("label")
  wrapper.className = "bs-search-filters__field"
  wrapper.textContent = `${label} `
  const control = document.createElement("select")
  control.name = name
  control.append(new Option(all, ""))
  for (const value of values) control.append(new Option(value, value))
  wrapper.append(control)
  return wrapper
}

function addStyles() {
  const style = document.createElement("style")
  style.textContent = `
    .bs-search-filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; padding: .6rem 1.2rem;
      font-size: .64rem; color: var(--md-default-fg-color--light);
      border-bottom: .05rem solid var(--md-default-fg-color--lightest) }
    .bs-search-filters select { margin-left: .3rem; font: inherit; color: var(--md-default-fg-color);
      background: var(--md-default-bg-color); border: .05rem solid var(--md-default-fg-color--lighter);
      border-radius: .1rem }
    /* Material's result count and highlighted words fall short of 4.5:1 contrast in both palettes. */
    .md-search-result__meta { color: var(--md-default-fg-color) }
    .md-search-result mark { color: inherit; font-weight: 700; text-decoration: underline; background: none }`
  document.head.append(style)
}

// ---- highlighting on the page a result opens ---------------------------------------------------

export function highlight(query, root) {
  const words = searchWords(query).filter(word => word.length > 1)
  if (!root || !words.length) return 0
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])(${words.map(quote).join("|")})`, "giu")
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const matches = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    if (parent && !parent.closest("pre, code, mark, script, style") && pattern.test(node.data)) matches.push(node)
    pattern.lastIndex = 0
  }
  for (const node of matches) {
    const fragment = document.createDocumentFragment()
    let last = 0
    node.data.replace(pattern, (match, before, word, offset) => {
      const start = offset + before.length
      fragment.append(node.data.slice(last, start))
      const mark = document.createElement("mark")
      mark.dataset.mdHighlight = ""
      mark.textContent = word
      fragment.append(mark)
      last = start + word.length
      return match
    })
    fragment.append(node.data.slice(last))
    node.replaceWith(fragment)
  }
  return matches.length
}

function quote(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}
