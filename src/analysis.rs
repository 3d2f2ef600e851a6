//! Everything the rules read about one article, computed once: sentences,
//! quoted passages, the mentions found by the one-pass matcher, and the
//! events each sentence mentions.

use crate::claims::{Claims, Idx};
use crate::corpus::Article;
use crate::finding::LineIndex;
use crate::rules::attribution::{self, Passage};
use crate::temporal::Expression;
use crate::temporal::extract::extract;
use crate::temporal::tense::Reader;
use crate::text::matcher::{Matcher, Mention, Target};
use crate::text::quotes::{self, Quoted};
use crate::text::sentences::{self, Sentence};
use chrono::NaiveDate;
use std::cell::OnceCell;
use std::ops::Range;

/// A sentence that mentions an event: all parts of one of its cues occur in it.
#[derive(Debug, Clone)]
pub struct EventMention {
    pub event: Idx,
    pub sentence: usize,
    /// Where the cue phrases stand, a range of [`Analysis::anchors`]
    /// (see [`Analysis::anchors_of`]); dates and venues bind to the nearest.
    pub anchors: Range<usize>,
    /// The cue names an act of saying ("announced"), so dates of saying are its own.
    pub statement: bool,
}

/// Mentions range by range, for ranges asked in order (as sentences
/// are): one sweep over the mentions where [`Analysis::mentions_in`]
/// searches by halves for where each range's mentions begin.
pub struct Sweep<'m> {
    mentions: &'m [Mention],
    /// The first mention that does not start before the last range.
    next: usize,
}

impl<'m> Sweep<'m> {
    /// The mentions that lie inside `range`, which starts at or after
    /// the last range asked.
    pub fn within(&mut self, range: Range<usize>) -> impl Iterator<Item = &'m Mention> + use<'m> {
        while self
            .mentions
            .get(self.next)
            .is_some_and(|m| m.span.start < range.start)
        {
            self.next += 1;
        }
        let end = range.end;
        self.mentions[self.next..]
            .iter()
            .take_while(move |m| m.span.start < end)
            .filter(move |m| m.span.end <= end)
    }
}

pub struct Analysis<'a> {
    pub claims: &'a Claims,
    pub article: &'a Article,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Range<usize>>,
    pub quotes: Vec<Quoted>,
    /// All mentions, sorted by position.
    pub mentions: Vec<Mention>,
    pub events: Vec<EventMention>,
    /// The event mentions' anchors, each mention's together: one list
    /// for the article where each mention had its own.
    pub anchors: Vec<Range<usize>>,
    /// The sentences that name a weekday, in order: found with the
    /// events, while the mentions are in the cache, so that the weekday
    /// rule need not read them all again.
    pub weekdays: Vec<usize>,
    /// Text never read for dates: the dateline.
    pub exclude: Vec<Range<usize>>,
    /// Rules add notes on how they read what they checked (`--explain`).
    pub explain: bool,
    lines: OnceCell<LineIndex>,
    /// Each known quote's words, normalised (the matcher's).
    pub quote_words: &'a [Vec<String>],
    /// Clause starts per sentence, computed when a rule first asks.
    clauses: Vec<OnceCell<Vec<usize>>>,
    /// Temporal expressions per sentence, found when a rule first asks
    /// (the date and weekday rules read many of the same sentences).
    expressions: Vec<OnceCell<Vec<Expression>>>,
    /// Known quotes as they stand in the article, found when a rule first
    /// asks (the attribution and quote rules read the same ones).
    passages: OnceCell<Vec<Passage>>,
}

/// Every mention in an article's body, sorted by position: the first
/// step of its analysis.
pub fn mentions(matcher: &Matcher, article: &Article) -> Vec<Mention> {
    let body = article.body.clone();
    let mut mentions = matcher.mentions(&article.text[body.clone()]);
    for m in &mut mentions {
        m.span = m.span.start + body.start..m.span.end + body.start;
    }
    mentions
}

impl<'a> Analysis<'a> {
    pub fn new(claims: &'a Claims, matcher: &'a Matcher, article: &'a Article) -> Self {
        Analysis::with_mentions(claims, matcher, article, mentions(matcher, article))
    }

    /// The analysis of an article whose [`mentions`] are found.
    pub fn with_mentions(
        claims: &'a Claims,
        matcher: &'a Matcher,
        article: &'a Article,
        mentions: Vec<Mention>,
    ) -> Self {
        let text = &article.text;
        let body = article.body.clone();
        // Every rule starts from a mention: an article that mentions no
        // claim (most of an archive) needs no sentences, quotes or paragraphs.
        let body = if mentions.is_empty() { 0..0 } else { body };
        let paragraphs = sentences::paragraphs(text, body.clone());
        let quotes = paragraphs
            .iter()
            .flat_map(|p| quotes::find(text, p.clone()))
            .collect();
        let sentences = sentences::split_paragraphs(text, &paragraphs);
        let exclude = article
            .published
            .iter()
            .filter_map(|p| p.span.clone())
            .collect();
        let mut analysis = Analysis {
            claims,
            article,
            sentences,
            paragraphs,
            quotes,
            mentions,
            events: Vec::new(),
            anchors: Vec::new(),
            weekdays: Vec::new(),
            exclude,
            explain: false,
            lines: OnceCell::new(),
            quote_words: &matcher.quote_words,
            clauses: Vec::new(),
            expressions: Vec::new(),
            passages: OnceCell::new(),
        };
        analysis.clauses = vec![OnceCell::new(); analysis.sentences.len()];
        analysis.expressions = vec![OnceCell::new(); analysis.sentences.len()];
        (analysis.events, analysis.anchors, analysis.weekdays) = analysis.find_events(matcher);
        // Found now, while the mentions are in the cache: the rules that
        // ask for them run after those of other articles.
        analysis.passages();
        analysis
    }

    pub fn text(&self) -> &'a str {
        &self.article.text
    }

    /// The known quotes in the article, with the passages that hold them.
    pub fn passages(&self) -> &[Passage] {
        self.passages.get_or_init(|| attribution::passages(self))
    }

    /// Lines and columns of the article, indexed on first use (only
    /// articles with findings or notes need them).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text()))
    }

    pub fn published(&self) -> Option<NaiveDate> {
        self.article.published.as_ref().map(|p| p.date)
    }

    /// Mentions that lie inside `range`.
    pub fn mentions_in(&self, range: Range<usize>) -> impl Iterator<Item = &Mention> {
        // A sweep started at the first mention of the range, found by halves.
        let next = self
            .mentions
            .partition_point(|m| m.span.start < range.start);
        Sweep {
            mentions: &self.mentions,
            next,
        }
        .within(range)
    }

    /// The mentions of ranges asked in order, found in one sweep.
    pub fn sweep(&self) -> Sweep<'_> {
        Sweep {
            mentions: &self.mentions,
            next: 0,
        }
    }

    /// The quoted passage containing byte `at`, if any.
    pub fn quote_at(&self, at: usize) -> Option<&Quoted> {
        // Quotes are in text order and never overlap.
        let i = self.quotes.partition_point(|q| q.outer.start <= at);
        self.quotes[..i]
            .last()
            .filter(|q| q.outer.start <= at && at < q.outer.end)
    }

    pub fn paragraph_of(&self, at: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.start <= at);
        let p = i.checked_sub(1)?;
        let r = &self.paragraphs[p];
        (at < r.end.max(r.start + 1)).then_some(p)
    }

    /// The sentence holding byte `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let s = self
            .sentences
            .partition_point(|s| s.range.start <= at)
            .checked_sub(1)?;
        (at < self.sentences[s].range.end).then_some(s)
    }

    /// The range of the sentence holding `span`, or `span` itself.
    pub fn sentence_range(&self, span: &Range<usize>) -> Range<usize> {
        self.sentence_at(span.start)
            .map(|s| self.sentences[s].range.clone())
            .filter(|r| span.end <= r.end)
            .unwrap_or_else(|| span.clone())
    }

    /// Where the clauses of `sentence` start (offsets in the article).
    pub fn clauses(&self, sentence: usize) -> &[usize] {
        self.clauses[sentence].get_or_init(|| {
            let range = self.sentences[sentence].range.clone();
            sentences::clause_breaks(&self.text()[range.clone()], range.start)
        })
    }

    /// The temporal expressions of `sentence`, outside the dateline.
    pub fn expressions(&self, sentence: usize) -> &[Expression] {
        self.expressions[sentence].get_or_init(|| {
            extract(
                self.text(),
                self.sentences[sentence].range.clone(),
                &self.exclude,
            )
        })
    }

    /// A tense reader for `sentence`, sharing its clause starts.
    pub fn reader(&self, sentence: usize) -> Reader<'_> {
        let range = self.sentences[sentence].range.clone();
        Reader::with_breaks(
            &self.text()[range.clone()],
            self.clauses(sentence),
            range.start,
        )
    }

    /// Where the cue phrases of event mention `e` stand, in order.
    pub fn anchors_of(&self, e: &EventMention) -> &[Range<usize>] {
        &self.anchors[e.anchors.clone()]
    }

    /// The sentences that mention an event, in order, each once.
    pub fn event_sentences(&self) -> impl Iterator<Item = usize> + '_ {
        self.events
            .chunk_by(|x, y| x.sentence == y.sentence)
            .map(|group| group[0].sentence)
    }

    /// The event mentions of one sentence (they are stored in sentence order).
    pub fn events_in(&self, sentence: usize) -> &[EventMention] {
        let from = self.events.partition_point(|e| e.sentence < sentence);
        let to = self.events.partition_point(|e| e.sentence <= sentence);
        &self.events[from..to]
    }

    /// The event mentions, their anchors, and the sentences that name a
    /// weekday.
    fn find_events(&self, matcher: &Matcher) -> (Vec<EventMention>, Vec<Range<usize>>, Vec<usize>) {
        // Sized once: an article has no more event mentions, nor anchors,
        // than mentions (a huge one's grow past the first thousand).
        let room = self.mentions.len().min(1024);
        let mut out = Vec::with_capacity(room);
        let mut all = Vec::with_capacity(room);
        let mut weekdays = Vec::new();
        // Reused from sentence to sentence.
        let mut anchors: Vec<Range<usize>> = Vec::new();
        let mut cues: Vec<&Mention> = Vec::new();
        let mut events: Vec<Idx> = Vec::new();
        let mut sweep = self.sweep();
        for (s, sentence) in self.sentences.iter().enumerate() {
            cues.clear();
            let mut weekday = false;
            for m in sweep.within(sentence.range.clone()) {
                match m.target {
                    Target::Cue { .. } => cues.push(m),
                    Target::Weekday => weekday = true,
                    _ => {}
                }
            }
            if weekday {
                weekdays.push(s);
            }
            events.clear();
            events.extend(cues.iter().filter_map(|m| match m.target {
                Target::Cue { event, .. } => Some(event),
                _ => None,
            }));
            events.sort_unstable();
            events.dedup();
            for &event in &events {
                anchors.clear();
                let mut statement = false;
                for (c, cue) in matcher.cues(event).iter().enumerate() {
                    let of_cue = |m: &&&Mention| matches!(m.target, Target::Cue { event: e, cue: k, .. } if e == event && k == c);
                    let complete = (0..cue.parts).all(|p| {
                        cues.iter()
                            .filter(of_cue)
                            .any(|m| matches!(m.target, Target::Cue { part, .. } if part == p))
                    });
                    if complete {
                        anchors.extend(cues.iter().filter(of_cue).map(|m| m.span.clone()));
                        statement |= cue.statement;
                    }
                }
                if !anchors.is_empty() {
                    anchors.sort_by_key(|r| (r.start, r.end));
                    anchors.dedup();
                    let from = all.len();
                    all.extend_from_slice(&anchors);
                    out.push(EventMention {
                        event,
                        sentence: s,
                        anchors: from..all.len(),
                        statement,
                    });
                }
            }
        }
        (out, all, weekdays)
    }

    /// The event mention in `sentence` nearest to `span`, among those `accept`
    /// allows. Mentions on the same side of a quotation mark come first: a
    /// date inside a quote belongs to what the quote speaks of.
    pub fn nearest_event(
        &self,
        sentence: usize,
        span: &Range<usize>,
        accept: impl Fn(&EventMention) -> bool,
    ) -> Option<&EventMention> {
        let scope = |at: usize| self.quote_at(at).map(|q| q.outer.start);
        let here = scope(span.start);
        let breaks = self.clauses(sentence);
        let clause = |at: usize| breaks.partition_point(|&b| b <= at);
        let home = clause(span.start);
        self.events_in(sentence)
            .iter()
            .filter(|e| accept(e))
            .flat_map(|e| self.anchors_of(e).iter().map(move |a| (e, a)))
            .min_by_key(|(e, a)| {
                let gap = if a.end <= span.start {
                    span.start - a.end
                } else {
                    a.start.saturating_sub(span.end)
                };
                (
                    scope(a.start) != here,
                    clause(a.start).abs_diff(home),
                    gap,
                    e.event,
                )
            })
            .map(|(e, _)| e)
    }
}
