export { PerformanceSampler, sampleIntervalS, SAMPLE_INTERVAL_SETTING, type PerformanceSamplerOptions, type SampledCameras, type ProcessReadings } from './performance-sampler';
export { PerformanceWindows, cpuPercent, type LivePerformanceRow, type SampleContext } from './performance-window';
export { LatencyReservoir, percentileOf } from './latency-reservoir';
export { camerasFeed } from './cameras-feed';
