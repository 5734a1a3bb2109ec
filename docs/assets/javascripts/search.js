// Search: Material's search box, answered by Pagefind (macros/search/records.py builds the index).
//
// Material's search UI talks to a worker through four messages: SETUP (0) and READY (1), then QUERY (2)
// with the typed text and RESULT (3) with the results. overrides/partials/search.html hands Material a
// stand-in for that worker, which imports this module the first time a reader focuses the search box
// (or presses `/`, `f` or `s`), so nothing of the search is downloaded before it is used. Here each
// query goes to Pagefind, which fetches only the index chunks and result fragments it needs, and its
// results are turned into the groups Material renders: a page, then its matching sections.
//
// Which words count: the words that name something. Function words ("the", "do", "I", "my") never count,
// and in a question ("how do I ...", "X vs Y") neither do the words that frame it ("work", "difference");
// the lists are assets/search/words.json, written from macros/search/words.py, which the tests that
// measure search use too. Each word is searched on its own and the sections are ranked by how many of
// the words they have and how many their names carry (`findWords`, `rank`): a section about a term comes
// before one that mentions it. A word counts only if the section really has it: Pagefind answers a word
// it does not know with any word that shares its first letters (`zzqxv` finds "Z"). The results say which
// words found nothing or found nothing together; when nothing is found, they say so and offer the nearest
// topics of the inventory (assets/search/topics.json, fetched only then) and the skill areas.
// Also here: the area and level filters, and highlighting the searched words on the page a result opens.
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
const NEAREST_TOPICS = 5
// How much more a word counts in a section's names than in its text (see `rank`): 3 ranked best on the
// query sets of tests/test_search.py (1 to 4 tried; idf weights, their square root, and a product of the
// two parts instead of a sum did no better).
const ABOUT = 3
const SITE = new URL("../../", import.meta.url)
const WORDS_FILE = "assets/search/words.json"
const TOPICS_FILE = "assets/search/topics.json"

let pagefind
let wordLists
let inventory
let filtersView
let noticeView

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

function loadJson(file, fallback) {
  return fetch(new URL(file, SITE))
    .then(response => (response.ok ? response.json() : fallback))
    .catch(() => fallback)
}

// The word lists of macros/search/words.py: function words, the words that frame a question, and what
// makes a query a question.
function loadWordLists() {
  wordLists ??= loadJson(WORDS_FILE, {}).then(data =>
    Object.fromEntries(["function", "framing", "openers", "comparisons"].map(name => [name, new Set(data[name] || [])]))
  )
  return wordLists
}

function loadInventory() {
  inventory ??= loadJson(TOPICS_FILE, { areas: [], topics: [] })
  return inventory
}

// ---- the worker protocol ---------------------------------------------------------------------

export function connect(post) {
  let latest = ""
  let timer
  const run = async query => {
    const result = await search(query, () => query !== latest)
    if (result && query === latest) {
      post({ type: RESULT, data: result })
      noticeView?.show(result.notice)
    }
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
  Promise.all([loadPagefind(), loadWordLists()]).then(async () => {
    filtersView = await mountFilters(() => run(latest))
    noticeView = mountNotice()
    post({ type: READY })
  })
  return {
    receive(message) {
      if (message && message.type === QUERY) schedule(message.data)
    }
  }
}

// ---- words -------------------------------------------------------------------------------------

// The words Pagefind is asked for: symbols kept (C#, N+1, 401), function words dropped, and in a question
// ("how do I ...", "X vs Y") the words that frame it; all of them when nothing else is left
// (macros/search/words.py, `content_words`).
export function searchWords(query, lists = {}) {
  // `I/O` and `A/B` are one word each, as the index has them (macros/search/records.py, _joined_initials).
  const joined = query.toLowerCase().replace(/\u2019/g, "'").replace(/\b([a-z])\/([a-z])\b/g, "$1$2")
  const words = joined
    .split(/[\s,;:!?"()[\]{}]+|\/|\.(?=\s|$)/)
    .map(word => word.replace(/^'+|'+$/g, ""))
    .filter(Boolean)
  const none = new Set()
  const question = words.length && ((lists.openers || none).has(words[0]) || words.some(word => (lists.comparisons || none).has(word)))
  const stop = word => (lists.function || none).has(word) || (question && (lists.framing || none).has(word))
  const meaningful = words.filter(word => !stop(word))
  return (meaningful.length ? meaningful : words).map(plainWord).filter(Boolean)
}

// A word without its apostrophes: "Git's" is "git", "don't" is "dont" (macros/search/words.py).
function plainWord(word) {
  return word.replace(/'s$/, "").replace(/'/g, "")
}

// The words of a text as search compares them (macros/search/words.py, `words`).
export function textWords(text) {
  const found = String(text).toLowerCase().replace(/\u2019/g, "'").replace(/_/g, " ").match(/[\p{L}\p{N}#+']+/gu) || []
  return found.map(word => plainWord(word.replace(/^'+|'+$/g, ""))).filter(Boolean)
}

// Two words are the same word for search (macros/search/words.py, `shares_stem`, line for line).
export function sharesStem(word, other, typing = false) {
  if (word === other || (typing && other.startsWith(word))) return true
  if (derived(word, other) || derived(other, word)) return true  // `apis`, `restful`, `pod` for `pods`
  const stem = lightStem(word)
  if (stem.length >= 4 && stem === lightStem(other)) return true
  let common = 0
  while (common < word.length && common < other.length && word[common] === other[common]) common++
  return common >= Math.max(5, Math.max(word.length, other.length) - 2)
}

// Endings that make one word several (macros/search/words.py, `ENDINGS`).
const ENDINGS = [
  ["isations", "iz"], ["izations", "iz"], ["isation", "iz"], ["ization", "iz"], ["ising", "iz"], ["izing", "iz"],
  ["ised", "iz"], ["ized", "iz"], ["ises", "iz"], ["izes", "iz"], ["ise", "iz"], ["ize", "iz"],
  ["ments", ""], ["ment", ""], ["ations", ""], ["ation", ""], ["ates", ""], ["ated", ""], ["ate", ""],  // codespell:ignore
  ["ings", ""], ["ing", ""],
  ["ies", "y"], ["ied", "y"], ["es", ""], ["ed", ""], ["s", ""], ["e", ""]
]

// Endings that derive a word from another without changing what it names (macros/search/words.py, `SUFFIXES`).
const SUFFIXES = new Set("s es ful ness ic ical al er ers ive ing ings ed ation ations ization isation ity ities ly".split(" "))

function derived(base, word) {
  const rest = word.slice(base.length)
  if (base.length < 2 || !word.startsWith(base)) return false
  return SUFFIXES.has(rest) || (rest.slice(0, 1) === base.slice(-1) && SUFFIXES.has(rest.slice(1)))
}

export function lightStem(word) {
  for (const [ending, replacement] of ENDINGS)
    if (word.endsWith(ending) && word.length - ending.length >= 4) return word.slice(0, -ending.length) + replacement
  return word
}

// A query word is in a text when each of its parts is (`multi-stage`, `node.js`: parts as the index splits them).
function inText(word, vocabulary, typing) {
  return textWords(word).every(part => vocabulary.some(other => sharesStem(part, other, typing)))
}

// ---- searching ---------------------------------------------------------------------------------

export async function search(query, stale = () => false) {
  const lists = await loadWordLists()
  let words = searchWords(query, lists)
  // A word of one letter matches every word with that initial, in several index chunks: wait for the
  // next letter (`C#`, `N+1` and `5xx` are longer).
  if (words.length > 1 && words[words.length - 1].length === 1) words = words.slice(0, -1)
  if (words.length === 1 && words[0].length === 1) return null  // keep what is shown
  if (!query.trim() || !words.length) return { items: [] }
  const module = await loadPagefind()
  if (stale()) return { items: [] }
  const filters = filtersView ? filtersView.selected() : {}
  // The last word may be a word still being typed, unless a space ended it.
  const typing = /\S$/.test(query) ? words[words.length - 1] : null
  const found = await findWords(module, words, filters, typing, stale, lists.function, textWords(query).join(" "))
  if (stale()) return { items: [] }
  const notice = await describe(query, words, found, lists)
  const groups = groupByPage(found.records).map(group => render(group, words))
  // A glossary term is short, so it scores high on its own words; it follows the first three pages
  // that teach the topic instead of crowding them out.
  const isTerm = item => item[0].location.includes("/glossary/#")
  const taught = groups.filter(item => !isTerm(item))
  const items = [...taught.slice(0, 3), ...groups.filter(isTerm), ...taught.slice(3)]
  const best = found.records[0]
  return { items, suggest: suggestion(query, best && best.data), notice }
}

// The sections for the words, ranked (see `rank`), and the words that found nothing at all.
//
// Pagefind returns only sections that have every word, so a question whose answer lacks one of its words
// ("version control systems": the section on version control does not say "systems") finds nothing
// useful. Here each word is searched on its own instead (one Pagefind search each, in index chunks it
// has loaded anyway), and a section counts the words it has, each weighted by how specific it is (how
// few sections have it, as BM25 weighs words), with Pagefind's scores for the words added up. The best
// candidates' fragments are fetched and checked (the relevance floor: a word counts only if the section
// really has it), in batches, until they come from enough pages.
async function findWords(module, words, filters, typing, stale, functionWords = new Set(), typed = "") {
  // Pagefind also matches every word that starts with the query's (`mvc` finds MVCC, `cli` every client),
  // among the words of the index chunks it has loaded so far, so what it found depended on what was
  // searched before: the chunk after the word's, where its longer words may continue, is loaded too
  // (`preload` of the word followed by the last character there is). A quoted search matches the word
  // itself (stemmed, `tests` for `test`, but no longer words): its sections are the word's, with the
  // scores of the plain search. Only the word being typed, when it is no whole word yet, keeps the longer
  // words.
  const searchWord = async word => {
    await module.preload(`${word}\uffff`)
    const [plain, quoted] = await Promise.all([
      module.search(word, { filters }),
      module.search(`"${word}"`, { filters })
    ])
    const exact = new Set(quoted.results.map(result => result.id))
    if (!exact.size) return { results: plain.results, whole: false }
    return { results: plain.results.filter(result => exact.has(result.id)), whole: true }
  }
  const searched = await Promise.all(words.map(searchWord))
  const perWord = searched.map(found => found.results)
  if (typing && searched[words.indexOf(typing)].whole) typing = null
  const total = words.length > 1 ? await sectionCount() : 1
  const weights = capped(Object.fromEntries(
    words.map((word, index) => [word, words.length > 1 ? specificity(perWord[index].length, total) : 1])
  ))
  // Which sections to fetch first: those with every word, in turn with those that score best for the most
  // specific words. Each word's scores are taken relative to its best section's (and their square root,
  // so that one word's best section does not outweigh good scores for several words), so a heading that
  // names two of three words (Pagefind weighs headings and topic names above text) comes before text that
  // mentions all three in passing.
  const candidates = new Map()
  words.forEach((word, index) => {
    const best = Math.max(...perWord[index].map(result => result.score), 1e-9)
    for (const result of perWord[index]) {
      const entry = candidates.get(result.id) || { result, score: 0, weight: 0 }
      entry.score += result.score
      entry.weight += weights[word] * Math.sqrt(result.score / best)
      candidates.set(result.id, entry)
    }
  })
  // The sections with every word, best first by their summed scores, in turn with the rest.
  const idsOf = results => new Set(results.map(result => result.id))
  const everyWord = perWord.slice(1).reduce((ids, results) => {
    const next = idsOf(results)
    return new Set([...ids].filter(id => next.has(id)))
  }, idsOf(perWord[0]))
  const together = words.length > 1 ? [...everyWord].map(id => candidates.get(id)).sort((a, b) => b.score - a.score) : []
  const ordered = alternate(together, [...candidates.values()].sort((a, b) => b.weight - a.weight || b.score - a.score))
  // A query of several words gets two batches, the section named after the words is not always among the
  // first eight; a question of three words or more a third when the first two come from too few pages.
  const limit = words.length > 2 ? MAX_RECORDS + BATCH : MAX_RECORDS
  const records = []
  for (let start = 0; start < ordered.length && start < limit && !stale(); start += BATCH) {
    const batch = ordered.slice(start, start + BATCH)
    const data = await Promise.all(batch.map(entry => entry.result.data()))
    batch.forEach((entry, index) => {
      const has = words.filter(word => inText(word, recordWords(data[index]), word === typing))
      if (has.length) records.push({ score: entry.score, data: data[index], words: has })
    })
    // Glossary terms follow the pages (see `search`): they do not fill the first screen.
    const pages = records.filter(record => !isGlossary(record.data)).map(record => pageOf(record.data))
    if (new Set(pages).size >= MIN_PAGES && (words.length === 1 || start + BATCH >= MAX_RECORDS)) break
  }
  // A word no fetched section has: did it find anything at all? (Its own best results, checked.)
  const missing = []
  for (const [index, word] of words.entries()) {
    if (records.some(record => record.words.includes(word)) || stale()) continue
    const data = await Promise.all(perWord[index].slice(0, 2).map(result => result.data()))
    if (!data.some(item => inText(word, recordWords(item), word === typing))) missing.push(word)
  }
  return { records: rank(records, words, weights, typing, functionWords, typed), missing }
}

// The entries of two lists in turn, each once.
function alternate(first, second) {
  const out = []
  const seen = new Set()
  for (let index = 0; index < Math.max(first.length, second.length); index++)
    for (const entry of [first[index], second[index]])
      if (entry && !seen.has(entry.result.id)) {
        seen.add(entry.result.id)
        out.push(entry)
      }
  return out
}

// No word outweighs the query's typical word by more than half again: a rare word is often not the
// subject ("talks" in "how do I test code that talks to a database").
function capped(weights) {
  const sorted = Object.values(weights).sort((a, b) => a - b)
  const median = (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2
  return Object.fromEntries(Object.entries(weights).map(([word, weight]) => [word, Math.min(weight, 1.5 * median)]))
}

// BM25's inverse document frequency: a word most sections have tells them apart least.
function specificity(count, total) {
  return Math.log(1 + (total - count + 0.5) / (count + 0.5))
}

// How many records (sections) the index has, from Pagefind's entry file (fetched by Pagefind already).
let sections
function sectionCount() {
  sections ??= loadJson("pagefind/pagefind-entry.json", {}).then(
    entry => Object.values(entry.languages || {}).reduce((sum, language) => sum + (language.page_count || 0), 0) || 1000
  )
  return sections
}

// A section is about the words its names carry: its page's title with its heading, and each name of the
// topics it teaches (macros/search/records.py, the `aka` meta), one name at a time, so that "version
// control" in one name counts for both words and "flow control" plus a title with "systems" do not.
// Sections about the words come first, then sections that only mention them; words count by how specific
// they are (`specificity`), and Pagefind's score orders sections that are alike.
function rank(records, words, weights, typing, functionWords, typed) {
  const weight = word => (weights ? weights[word] : 1)
  const total = words.reduce((sum, word) => sum + weight(word), 0)
  const share = (vocabulary, list) =>
    list.filter(word => inText(word, vocabulary, word === typing)).reduce((sum, word) => sum + weight(word), 0) / total
  // A name carries the words it has, less when other words come between them: "version control" carries
  // both words fully, "multi-version concurrency control" two thirds of them ("tests with a real database"
  // two thirds too: function words do not count). A page title and a section
  // heading are one name in two parts: "Kubernetes for backend developers" with "Probes" carries both words.
  const carried = (parts, list) => {
    let found = 0
    let span = 0
    for (const part of parts) {
      const nameWords = textWords(part).filter(word => !functionWords.has(word))
      // Where each word is in the name; a word of several parts (`real-time`) where all of them are.
      const at = list.flatMap(word => {
        const places = textWords(word).map(piece => nameWords.findIndex(other => sharesStem(piece, other, word === typing)))
        return places.every(place => place >= 0) ? places : []
      })
      if (at.length) {
        found += at.length
        span += Math.max(...at) - Math.min(...at) + 1
      }
    }
    return found ? (share(textWords(parts.join(" ")), list) * found) / span : 0
  }
  return records
    .map(record => {
      const about = Math.max(0, ...names(record.data).map(name => carried(name, record.words)))
      const has = share(recordWords(record.data), record.words)
      // A name that is exactly what was typed, function words and all ("PARTITION BY", "unit of work").
      const exact = names(record.data).flat().some(name => name && textWords(name).join(" ") === typed) ? ABOUT : 0
      return { ...record, about, key: has + ABOUT * about + exact }
    })
    .sort((a, b) => b.key - a.key || b.score - a.score)
}

function names(data) {
  const meta = data.meta || {}
  return [[meta.title || "", meta.section || ""], ...(meta.aka ? meta.aka.split(" \u00b7 ").map(name => [name]) : [])]
}

function recordWords(data) {
  const meta = data.meta || {}
  return textWords(`${meta.title || ""} ${meta.section || ""} ${meta.aka || ""} ${data.content || ""}`)
}

// Whether the section's own heading (or its topic names) carries a word: then it shows under its page.
function headed(data, words) {
  const meta = data.meta || {}
  const names = textWords(`${meta.section || ""} ${meta.aka || ""}`)
  return words.some(word => inText(word, names, false))
}

// ---- what the results say besides the results -----------------------------------------------------

// What the results say besides the results: which words the best result lacks (and which found nothing
// at all), that the sections found only mention the words, or that nothing was found.
async function describe(query, words, found, lists) {
  const best = found.records.find(record => !isGlossary(record.data)) || found.records[0]
  if (best) {
    const lacking = words.filter(word => !best.words.includes(word) && !lists.framing.has(word))
    const left = lacking.filter(word => !found.missing.includes(word))
    if (lacking.length) return { kind: "partial", used: best.words, missing: found.missing, left, mentions: best.about === 0 }
    return best.about > 0 ? null : { kind: "mentions", used: words }
  }
  const { topics, areas } = await loadInventory()
  return { kind: "none", query: query.trim(), topics: nearestTopics(words, topics), areas }
}

// The topics whose title or another name is closest to the words: the same word, or one or two letters
// apart, or one that starts the other.
export function nearestTopics(words, topics) {
  const scored = []
  for (const [title, url, ...aliases] of topics) {
    let best = 0
    for (const name of [title, ...aliases]) {
      const nameWords = textWords(name)
      const close = words.filter(word => nameWords.some(other => near(word, other))).length
      best = Math.max(best, close / Math.max(words.length, nameWords.length))
    }
    if (best >= 0.5) scored.push({ title, url, score: best })
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, NEAREST_TOPICS)
}

function near(word, other) {
  if (sharesStem(word, other) || (word.length >= 3 && other.startsWith(word))) return true
  const shorter = Math.min(word.length, other.length)
  return shorter >= 4 && editDistance(word, other) <= (shorter >= 8 ? 2 : 1)
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]
}

function mountNotice() {
  const result = document.querySelector("[data-md-component=search-result]")
  if (!result) return undefined
  const box = document.createElement("div")
  box.className = "bs-search-notice"
  box.setAttribute("role", "status")
  box.setAttribute("aria-live", "polite")
  const meta = result.querySelector(".md-search-result__meta")
  if (meta) meta.after(box)
  else result.prepend(box)
  // Links here leave the search like a result does: close the dialog.
  box.addEventListener("click", event => {
    const toggle = document.getElementById("__search")
    if (event.target.closest("a") && toggle && toggle.checked) {
      toggle.checked = false
      toggle.dispatchEvent(new Event("change"))
    }
  })
  const query = document.querySelector("[data-md-component=search-query]")
  query?.addEventListener("input", () => { if (!query.value.trim()) box.replaceChildren() })
  return { show: notice => box.replaceChildren(...noticeNodes(notice)) }
}

function noticeNodes(notice) {
  if (!notice) return []
  const quoted = words => words.map(word => `\u201c${word}\u201d`).join(" and ")
  if (notice.kind === "mentions") {
    const it = notice.used.length > 1 ? "these words" : "it"
    return [paragraph(`No section is about ${quoted([notice.used.join(" ")])} yet; these pages mention ${it}.`)]
  }
  if (notice.kind === "partial") {
    const used = quoted([notice.used.join(" ")])
    const parts = []
    if (notice.missing.length) parts.push(`Nothing here matches ${quoted(notice.missing)}.`)
    if (notice.left.length) parts.push(`No page has ${quoted(notice.left)} as well as ${used}.`)
    parts.push(notice.mentions ? `No section is about ${used} yet; these pages mention it.` : `Showing results for ${used}.`)
    return [paragraph(parts.join(" "))]
  }
  const nodes = [paragraph(`Nothing here teaches \u201c${notice.query}\u201d yet.`)]
  if (notice.topics.length) nodes.push(linkList("Nearest topics:", notice.topics.map(topic => [topic.title, topic.url])))
  if (notice.areas.length) nodes.push(linkList("Skill areas:", notice.areas))
  return nodes
}

function paragraph(text) {
  const node = document.createElement("p")
  node.textContent = text
  return node
}

function linkList(label, links) {
  const node = paragraph(`${label} `)
  links.forEach(([title, url], index) => {
    const link = document.createElement("a")
    link.href = SITE.pathname + url
    link.textContent = title
    node.append(...(index ? [", ", link] : [link]))
  })
  return node
}

// ---- results as Material shows them -------------------------------------------------------------

// The page a record belongs to; a glossary term is a result of its own.
function pageOf(data) {
  const url = data.meta.url  // every record carries its page's URL (macros/search/records.py)
  return isGlossary(data) ? url : url.split("#")[0]
}

function isGlossary(data) {
  return (data.filters.kind || []).includes("glossary")
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

// A page and its best sections, as Material's result renderer expects them. A word a result lacks is
// marked as missing (Material shows "Missing: word"); the others are highlighted on the page it opens.
function render([page, records], words) {
  const best = records[0].score
  const termsOf = record => Object.fromEntries(words.map(word => [word, record.words.includes(word)]))
  const own = records.find(record => !record.data.meta.section)
  const location = SITE.pathname + page.replace(/^\//, "")
  const title = escape(records[0].data.meta.title || page)
  const text = own ? excerpt(own.data.excerpt) : ""
  const article = { location, title, text, score: best, terms: termsOf(own || records[0]) }
  const sections = records
    .filter(record => record.data.meta.section)
    .slice(0, MAX_SECTIONS)
    .map((record, rank) => ({
      location: SITE.pathname + record.data.meta.url,
      title: escape(record.data.meta.section),
      text: excerpt(record.data.excerpt),
      // Material shows sections scoring at least the page's score and folds the rest under "more".
      // Only the best section shows, when it is the page's best match and it is about the query (its
      // heading or topic names carry a word of it; Enter then opens it): the next pages stay in view.
      score: rank === 0 && record === records[0] && headed(record.data, words) ? best * 1.001 : best * 0.5,
      terms: termsOf(record)
    }))
  return [article, ...sections]
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
    .bs-search-notice:empty { display: none }
    .bs-search-notice { padding: 0 1.2rem .6rem; font-size: .64rem; color: var(--md-default-fg-color) }
    .bs-search-notice p { margin: .4rem 0 0 }
    .bs-search-notice a { color: var(--md-typeset-a-color); text-decoration: underline }
    /* Material's result count and highlighted words fall short of 4.5:1 contrast in both palettes. */
    .md-search-result__meta { color: var(--md-default-fg-color) }
    .md-search-result mark { color: inherit; font-weight: 700; text-decoration: underline; background: none }`
  document.head.append(style)
}

// ---- highlighting on the page a result opens ---------------------------------------------------

export function highlight(query, root) {
  // The words come from a result's link (Material's `h` parameter): the query's words already.
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
