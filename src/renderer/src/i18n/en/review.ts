/** English texts of the review area. Vietnamese in ../vi/review.ts (the compiler checks it has every key). */
export const review = {
  description: 'Check the counting against what really happened: each answer feeds the accuracy scores below.',

  auditingOff: {
    title: 'Auditing is off',
    intro: 'While auditing is on, Footfall keeps a small picture of some counted crossings and of some moments with no crossing (people pixelated), for you to check here.',
    /** `key` is the setting's key, audit.enabled. */
    adminHow: (key: string) => `Switch it on here or under Settings (${key}).`,
    /** Around the link to Settings. */
    viewerHowBefore: 'An administrator switches it on under',
    settingsLink: 'Settings',
    viewerHowAfter: (key: string) => `(${key}).`,
    enable: 'Switch auditing on',
  },
  notOperator: 'Reviewing needs the operator role',
  notOperatorHint: 'You can read the scores below; an operator or admin answers the review items.',
  /** Completes "Loading …". */
  loadingNext: 'the next item',
  nothingLeft: 'Nothing left to review',
  progressDone: (reviewed: string, total: string) => `${reviewed} reviewed of ${total}.`,
  newItems: 'New items arrive as the cameras count.',
  skippedComeBack: 'Skipped items come back when you open this page again.',
  accuracy: 'Accuracy',
  loadReportContext: 'Loading the report',
  /** The banner's context when the report store's read fails. */
  reportStoreContext: 'Loading the count review report',
  loadingReport: 'the report',
  /** What failed, by the store's errorAction. */
  errorContext: { load: 'Loading the next item', answer: 'Saving the answer', enable: 'Switching auditing on' },

  item: {
    progress: (reviewed: string, total: string, open: string) => `${reviewed} reviewed of ${total} · ${open} left`,
    /** The picture's alt text and caption: "Camera door, 1 Dec 2026, 10:00:05: counted going in; 1 person detected, pixelated". */
    describe: (camera: string, when: string, what: string, people: string) => `Camera ${camera}, ${when}: ${what}; ${people}`,
    noCrossing: 'no crossing',
    countedIn: (line: string | null) => `counted going in${line ? ` across line ${line}` : ''}`,
    countedOut: (line: string | null) => `counted going out${line ? ` across line ${line}` : ''}`,
    people: (count: number, n: string) => `${n} ${count === 1 ? 'person' : 'people'} detected, pixelated`,
    question: { crossing: 'Was this person counted right?', no_crossing: 'Did someone cross the line here without being counted?' },
    pictureDeleted: 'The picture has been deleted (its retention ran out or auditing was switched off).',
    answerGroup: 'Answer',
    skip: 'Skip',
    keysHelp: (list: string) => `Keys 1–4 answer. ${list}.`,
    answerHelp: (label: string, help: string) => `${label}: ${help}`,
  },
  /** The stored answers (audit_items.answer) as the buttons name them. */
  answers: { right: 'Right', wrong_direction: 'Wrong direction', not_a_person: 'Not a person', missed_one: 'Missed one' },
  /** What each answer means, for a counted crossing and for a moment with none (only the answers it allows). */
  help: {
    crossing: {
      right: 'counted once, in the right direction',
      wrong_direction: 'the person went the other way',
      not_a_person: 'nobody crossed, or it is not a person',
      missed_one: 'this count is right, but someone else was not counted',
    },
    no_crossing: { right: 'nobody was missed', missed_one: 'someone crossed and was not counted' },
  },

  report: {
    reviewed: 'Reviewed',
    precision: 'Precision',
    precisionTitle: 'Of the counts, the share that were right',
    recall: 'Recall',
    recallTitle: 'Of the people who crossed, the share that were counted',
    f1: 'F1',
    f1Title: 'Precision and recall combined',
    empty: 'No answers yet',
    emptyHint: 'The scores appear here once items have been reviewed.',
    caption: 'Count accuracy per camera and model version',
  },
};
