/** English texts of the dashboard area. Vietnamese in ../vi/dashboard.ts (the compiler checks it has every key). */
import type { CountEventDto } from '../../../../shared/dto';

/** The texts that differ between hourly and daily slots (indexed by the bucket size). */
const perHour = {
  chartTitle: (period: string) => `People per hour, ${period}`,
  conversionTitle: (period: string) => `Conversion per hour, ${period}`,
  slot: 'Hour',
  caption: 'People in and out per hour',
  occupancy: 'Occupancy',
  occupancyColumn: 'Inside at the end of the hour',
  chartLabel: 'Bar chart of people counted in and out per hour, with the people inside at the end of each hour as a line',
  conversionCaption: 'Sales and conversion per hour',
  conversionLabel: 'Chart of the conversion rate per hour with the visitors it is computed from',
  occupancyNote: 'Occupancy: people counted in minus people counted out since midnight, at the end of each hour (never below 0).',
};

export const dashboard = {
  /** The page's title is the navigation's name for it (shell.routes.dashboard). */
  page: {
    description: 'People counted over time, per camera or all, and the latest crossings.',
  },
  /** Context of a failed load or export in the error banner. */
  contexts: {
    counts: 'Loading counts',
    sales: 'Loading sales',
    today: 'Loading today’s counts',
    recent: 'Loading recent events',
    exporting: 'Exporting counts',
  },
  /** What the loading sentence is about ("Loading counts…"). */
  loadingWhat: 'counts',
  filters: {
    per: 'Per',
    hour: 'Hour',
    day: 'Day',
    compare: 'Compare with the previous period',
    quickPeriods: 'Quick periods',
    last7Days: 'Last 7 days',
    last30Days: 'Last 30 days',
  },
  change: {
    nothingBefore: 'nothing counted in the previous period',
    /** `signed` is the formatted change with its sign: "+50", "−12.5", "±0". */
    versusPrevious: (signed: string) => `${signed}% vs the previous period`,
  },
  today: {
    updatesLive: 'Updates by itself while cameras count.',
  },
  totals: {
    label: 'Totals for the period',
    peakOccupancy: 'Most inside at once',
    peakOccupancyHint: 'The highest number of people inside at the end of an hour (in − out since midnight).',
  },
  chart: {
    hour: perHour,
    day: {
      chartTitle: (period: string) => `People per day, ${period}`,
      conversionTitle: (period: string) => `Conversion per day, ${period}`,
      slot: 'Day',
      caption: 'People in and out per day',
      occupancy: 'Peak occupancy',
      occupancyColumn: 'Most inside at the end of an hour',
      chartLabel: 'Bar chart of people counted in and out per day, with the most people inside at the end of an hour that day as a line',
      conversionCaption: 'Sales and conversion per day',
      conversionLabel: 'Chart of the conversion rate per day with the visitors it is computed from',
      occupancyNote: 'Peak occupancy: the most people inside at the end of an hour that day (in minus out since midnight, never below 0).',
    } satisfies typeof perHour,
    withPrevious: 'The previous period is shown as dashed lines.',
    inPrevious: 'In, previous period',
    outPrevious: 'Out, previous period',
    peopleAxis: 'People in and out',
    insideAxis: 'People inside',
    nothingCounted: 'Nothing was counted in this period. Counts appear once a camera with a counting line is running.',
  },
  export: {
    csv: 'Export CSV',
    json: 'Export JSON',
    exporting: 'Exporting…',
    preparing: (format: string) => `Preparing the ${format} file of the shown period…`,
    progress: 'Export progress',
    saved: (filename: string) => `Saved ${filename}.`,
  },
  sales: {
    title: 'Sales and conversion',
    noSalesCamera: 'No sales of this camera’s till in this period (store-wide sales show under All cameras). ',
    noSalesStore: 'No sales imported for this period. ',
    importHint: 'Import the till’s hourly sales (hour, transactions, revenue) with',
    cameraOption: 'and',
    importWhy: 'to see the conversion rate and revenue per visitor.',
    conversionRate: 'Conversion rate',
    revenuePerVisitor: 'Revenue per visitor',
    transactions: 'Transactions',
    revenue: 'Revenue',
    visitorsWithSales: 'Visitors in hours with sales',
    visitors: 'Visitors',
    visitorsBars: 'Visitors (hours with sales)',
    conversionAxis: 'Conversion (%)',
    /** `hours` is formatted; `count` picks the plural. */
    rateNote: (hours: string, count: number) => `Conversion rate = transactions ÷ people counted in, over the ${hours} hour${count === 1 ? '' : 's'} with sales; “—” where nobody was counted.`,
  },
  recent: {
    title: 'Recent events',
    time: 'Time',
    direction: 'Direction',
    track: 'Track',
    inSoFar: 'In so far',
    outSoFar: 'Out so far',
    /** The stored direction, or a zone event's type, as shown in the table (lower case, as stored). */
    directions: { in: 'in', out: 'out', north: 'north', south: 'south', east: 'east', west: 'west', entry: 'entry', exit: 'exit', cross_line: 'crossing' } satisfies Record<CountEventDto['direction'], string>,
    emptyTitle: 'No count events yet',
    emptyHint: 'They appear here as soon as someone crosses a camera’s counting line.',
  },
};
