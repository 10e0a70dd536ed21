// End-of-life dates that ship with shipshape, so EOL checks work before the first `db update`. The shape is
// endoflife.date's product JSON (a list of release cycles); `db update` replaces each product with the live list.
// Dates come from each project's published release schedule as of the snapshot date; for Debian, `support` is the
// end of regular security support and `eol` the end of LTS; for Ubuntu, `eol` is the end of standard support and
// `extendedSupport` the end of ESM; a Go release is supported until the second newer one ships (the last date here
// is that projection). Cycles released after mid-2025 are not listed: they appear after an update.
import type { EolCycle } from './eol.js';

export const EOL_SNAPSHOT_DATE = '2026-12-07';

export const EOL_SNAPSHOT: Record<string, EolCycle[]> = {
  debian: [
    { cycle: '13', codename: 'trixie', releaseDate: '2025-08-09', support: '2028-08-09', eol: '2030-06-30' },
    { cycle: '12', codename: 'bookworm', releaseDate: '2023-06-10', support: '2026-06-10', eol: '2028-06-30' },
    { cycle: '11', codename: 'bullseye', releaseDate: '2021-08-14', support: '2024-08-14', eol: '2026-08-31' },
    { cycle: '10', codename: 'buster', releaseDate: '2019-07-06', support: '2022-09-10', eol: '2024-06-30' },
    { cycle: '9', codename: 'stretch', releaseDate: '2017-06-17', support: '2020-07-06', eol: '2022-06-30' },
    { cycle: '8', codename: 'jessie', releaseDate: '2015-04-26', support: '2018-06-17', eol: '2020-06-30' },
  ],
  ubuntu: [
    { cycle: '25.10', codename: 'Questing Quokka', releaseDate: '2025-10-09', eol: '2026-07-09' },
    { cycle: '25.04', codename: 'Plucky Puffin', releaseDate: '2025-04-17', eol: '2026-01-15' },
    { cycle: '24.10', codename: 'Oracular Oriole', releaseDate: '2024-10-10', eol: '2025-07-10' },
    { cycle: '24.04', codename: 'Noble Numbat', lts: true, releaseDate: '2024-04-25', eol: '2029-05-31', extendedSupport: '2034-04-25' },
    { cycle: '22.04', codename: 'Jammy Jellyfish', lts: true, releaseDate: '2022-04-21', eol: '2027-06-01', extendedSupport: '2032-04-09' },
    { cycle: '20.04', codename: 'Focal Fossa', lts: true, releaseDate: '2020-04-23', eol: '2025-05-29', extendedSupport: '2030-04-02' },
    { cycle: '18.04', codename: 'Bionic Beaver', lts: true, releaseDate: '2018-04-26', eol: '2023-05-31', extendedSupport: '2028-04-01' },
  ],
  alpine: [
    { cycle: '3.22', releaseDate: '2025-05-30', eol: '2027-05-01' },
    { cycle: '3.21', releaseDate: '2024-12-05', eol: '2026-11-01' },
    { cycle: '3.20', releaseDate: '2024-05-22', eol: '2026-04-01' },
    { cycle: '3.19', releaseDate: '2023-12-07', eol: '2025-11-01' },
    { cycle: '3.18', releaseDate: '2023-05-09', eol: '2025-05-09' },
    { cycle: '3.17', releaseDate: '2022-11-22', eol: '2024-11-22' },
  ],
  nodejs: [
    { cycle: '25', releaseDate: '2025-10-15', eol: '2026-06-01' },
    { cycle: '24', lts: true, releaseDate: '2025-05-06', eol: '2028-04-30' },
    { cycle: '23', releaseDate: '2024-10-16', eol: '2025-06-01' },
    { cycle: '22', lts: true, releaseDate: '2024-04-24', eol: '2027-04-30' },
    { cycle: '20', lts: true, releaseDate: '2023-04-18', eol: '2026-04-30' },
    { cycle: '18', lts: true, releaseDate: '2022-04-19', eol: '2025-04-30' },
    { cycle: '16', lts: true, releaseDate: '2021-04-20', eol: '2023-09-11' },
  ],
  python: [
    { cycle: '3.14', releaseDate: '2025-10-07', eol: '2030-10-31' },
    { cycle: '3.13', releaseDate: '2024-10-07', eol: '2029-10-31' },
    { cycle: '3.12', releaseDate: '2023-10-02', eol: '2028-10-31' },
    { cycle: '3.11', releaseDate: '2022-10-24', eol: '2027-10-31' },
    { cycle: '3.10', releaseDate: '2021-10-04', eol: '2026-10-31' },
    { cycle: '3.9', releaseDate: '2020-10-05', eol: '2025-10-31' },
    { cycle: '3.8', releaseDate: '2019-10-14', eol: '2024-10-07' },
  ],
  go: [
    { cycle: '1.25', releaseDate: '2025-08-12', eol: '2026-08-12' },
    { cycle: '1.24', releaseDate: '2025-02-11', eol: '2026-02-10' },
    { cycle: '1.23', releaseDate: '2024-08-13', eol: '2025-08-12' },
    { cycle: '1.22', releaseDate: '2024-02-06', eol: '2025-02-11' },
  ],
  'eclipse-temurin': [
    { cycle: '25', lts: true, releaseDate: '2025-09-16', eol: '2031-09-30' },
    { cycle: '21', lts: true, releaseDate: '2023-09-19', eol: '2029-12-31' },
    { cycle: '17', lts: true, releaseDate: '2021-09-14', eol: '2027-10-31' },
    { cycle: '11', lts: true, releaseDate: '2018-09-25', eol: '2027-10-31' },
    { cycle: '8', lts: true, releaseDate: '2014-03-18', eol: '2026-11-30' },
  ],
  ruby: [
    { cycle: '3.4', releaseDate: '2024-12-25', eol: '2028-03-31' },
    { cycle: '3.3', releaseDate: '2023-12-25', eol: '2027-03-31' },
    { cycle: '3.2', releaseDate: '2022-12-25', eol: '2026-03-31' },
    { cycle: '3.1', releaseDate: '2021-12-25', eol: '2025-03-31' },
    { cycle: '3.0', releaseDate: '2020-12-25', eol: '2024-04-23' },
  ],
  php: [
    { cycle: '8.4', releaseDate: '2024-11-21', eol: '2028-12-31' },
    { cycle: '8.3', releaseDate: '2023-11-23', eol: '2027-12-31' },
    { cycle: '8.2', releaseDate: '2022-12-08', eol: '2026-12-31' },
    { cycle: '8.1', releaseDate: '2021-11-25', eol: '2025-12-31' },
    { cycle: '8.0', releaseDate: '2020-11-26', eol: '2023-11-26' },
  ],
};
