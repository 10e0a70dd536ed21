// End-of-life dates that ship with shipshape, so EOL checks work before the first `db update`. The shape is
// endoflife.date's product JSON (a list of release cycles), with its meanings: `eol` is the end of the support
// the project itself gives (Debian's security team, Ubuntu's standard support, a language's security fixes),
// `support` the end of active support, `extendedSupport` the end of LTS or ESM after it (Debian LTS, Ubuntu
// ESM). The dates are endoflife.date's as of EOL_SNAPSHOT_DATE (its products/*.md on that day), dates announced
// for later included; `db update` replaces each product with the live list, which gives the same meanings.
import type { EolCycle } from './eol.js';

export const EOL_SNAPSHOT_DATE = '2026-08-22';

export const EOL_SNAPSHOT: Record<string, EolCycle[]> = {
  debian: [
    { cycle: '13', codename: 'Trixie', releaseDate: '2025-08-09', eol: '2028-08-09', extendedSupport: '2030-06-30' },
    { cycle: '12', codename: 'Bookworm', releaseDate: '2023-06-10', eol: '2026-07-11', extendedSupport: '2028-06-30' },
    { cycle: '11', codename: 'Bullseye', releaseDate: '2021-08-14', eol: '2024-08-14', extendedSupport: '2026-08-31' },
    { cycle: '10', codename: 'Buster', releaseDate: '2019-07-06', eol: '2022-09-10', extendedSupport: '2024-06-30' },
    { cycle: '9', codename: 'Stretch', releaseDate: '2017-06-17', eol: '2020-07-18', extendedSupport: '2022-07-01' },
    { cycle: '8', codename: 'Jessie', releaseDate: '2015-04-25', eol: '2018-06-17', extendedSupport: '2020-06-30' },
  ],
  ubuntu: [
    { cycle: '26.04', codename: 'Resolute Raccoon', lts: true, releaseDate: '2026-04-23', eol: '2031-04-30', extendedSupport: '2036-04-30' },
    { cycle: '25.10', codename: 'Questing Quokka', releaseDate: '2025-10-09', eol: '2026-07-01' },
    { cycle: '25.04', codename: 'Plucky Puffin', releaseDate: '2025-04-17', eol: '2026-01-17' },
    { cycle: '24.10', codename: 'Oracular Oriole', releaseDate: '2024-10-10', eol: '2025-07-10' },
    { cycle: '24.04', codename: 'Noble Numbat', lts: true, releaseDate: '2024-04-25', eol: '2029-05-31', extendedSupport: '2036-05-31' },
    { cycle: '22.04', codename: 'Jammy Jellyfish', lts: true, releaseDate: '2022-04-21', eol: '2027-04-01', extendedSupport: '2032-04-09' },
    { cycle: '20.04', codename: 'Focal Fossa', lts: true, releaseDate: '2020-04-23', eol: '2025-05-31', extendedSupport: '2030-04-02' },
    { cycle: '18.04', codename: 'Bionic Beaver', lts: true, releaseDate: '2018-04-26', eol: '2023-05-31', extendedSupport: '2028-04-01' },
    { cycle: '16.04', codename: 'Xenial Xerus', lts: true, releaseDate: '2016-04-21', eol: '2021-04-02', extendedSupport: '2026-04-02' },
  ],
  alpine: [
    { cycle: '3.24', releaseDate: '2026-06-09', eol: '2028-06-01' },
    { cycle: '3.23', releaseDate: '2025-12-04', eol: '2027-11-01' },
    { cycle: '3.22', releaseDate: '2025-05-30', eol: '2027-05-01' },
    { cycle: '3.21', releaseDate: '2024-12-05', eol: '2026-11-01' },
    { cycle: '3.20', releaseDate: '2024-05-22', eol: '2026-04-01' },
    { cycle: '3.19', releaseDate: '2023-12-07', eol: '2025-11-01' },
    { cycle: '3.18', releaseDate: '2023-05-09', eol: '2025-05-09' },
    { cycle: '3.17', releaseDate: '2022-11-22', eol: '2024-11-22' },
  ],
  nodejs: [
    { cycle: '26', lts: true, releaseDate: '2026-05-05', support: '2027-10-27', eol: '2029-04-30' },
    { cycle: '25', releaseDate: '2025-10-15', support: '2026-04-01', eol: '2026-06-01' },
    { cycle: '24', lts: true, releaseDate: '2025-05-06', support: '2026-10-20', eol: '2028-04-30' },
    { cycle: '23', releaseDate: '2024-10-16', support: '2025-04-01', eol: '2025-06-01' },
    { cycle: '22', lts: true, releaseDate: '2024-04-24', support: '2025-10-21', eol: '2027-04-30', extendedSupport: false },
    { cycle: '21', releaseDate: '2023-10-17', support: '2024-04-01', eol: '2024-06-01' },
    { cycle: '20', lts: true, releaseDate: '2023-04-18', support: '2024-10-22', eol: '2026-04-30', extendedSupport: false },
    { cycle: '19', releaseDate: '2022-10-18', support: '2023-04-01', eol: '2023-06-01' },
    { cycle: '18', lts: true, releaseDate: '2022-04-19', support: '2023-10-18', eol: '2025-04-30', extendedSupport: false },
    { cycle: '17', releaseDate: '2021-10-19', support: '2022-04-01', eol: '2022-06-01' },
    { cycle: '16', lts: true, releaseDate: '2021-04-20', support: '2022-10-18', eol: '2023-09-11', extendedSupport: false },
    { cycle: '15', releaseDate: '2020-10-20', support: '2021-04-01', eol: '2021-06-01' },
  ],
  python: [
    { cycle: '3.14', releaseDate: '2025-10-07', support: '2027-10-01', eol: '2030-10-31' },
    { cycle: '3.13', releaseDate: '2024-10-07', support: '2026-10-01', eol: '2029-10-31' },
    { cycle: '3.12', releaseDate: '2023-10-02', support: '2025-04-02', eol: '2028-10-31' },
    { cycle: '3.11', releaseDate: '2022-10-24', support: '2024-04-01', eol: '2027-10-31' },
    { cycle: '3.10', releaseDate: '2021-10-04', support: '2023-04-05', eol: '2026-10-31' },
    { cycle: '3.9', releaseDate: '2020-10-05', support: '2022-05-17', eol: '2025-10-31' },
    { cycle: '3.8', releaseDate: '2019-10-14', support: '2021-05-03', eol: '2024-10-07' },
    { cycle: '3.7', releaseDate: '2018-06-27', support: '2020-06-27', eol: '2023-06-27' },
  ],
  go: [
    { cycle: '1.27', releaseDate: '2026-08-19', eol: false },
    { cycle: '1.26', releaseDate: '2026-02-10', eol: false },
    { cycle: '1.25', releaseDate: '2025-08-12', eol: '2026-08-19' },
    { cycle: '1.24', releaseDate: '2025-02-11', eol: '2026-02-10' },
    { cycle: '1.23', releaseDate: '2024-08-13', eol: '2025-08-12' },
    { cycle: '1.22', releaseDate: '2024-02-06', eol: '2025-02-11' },
    { cycle: '1.21', releaseDate: '2023-08-08', eol: '2024-08-13' },
    { cycle: '1.20', releaseDate: '2023-02-01', eol: '2024-02-06' },
    { cycle: '1.19', releaseDate: '2022-08-02', eol: '2023-09-06' },
    { cycle: '1.18', releaseDate: '2022-03-15', eol: '2023-02-01' },
  ],
  'eclipse-temurin': [
    { cycle: '26', releaseDate: '2026-03-23', eol: '2026-09-15' },
    { cycle: '25', lts: true, releaseDate: '2025-09-22', eol: '2031-09-30' },
    { cycle: '21', lts: true, releaseDate: '2023-10-10', eol: '2029-12-31' },
    { cycle: '17', lts: true, releaseDate: '2021-09-22', eol: '2027-10-31' },
    { cycle: '11', lts: true, releaseDate: '2021-08-01', eol: '2027-10-31' },
    { cycle: '8', lts: true, releaseDate: '2021-07-29', eol: '2030-12-31' },
  ],
  ruby: [
    { cycle: '4.0', releaseDate: '2025-12-25', eol: '2029-03-31' },
    { cycle: '3.4', releaseDate: '2024-12-24', eol: '2028-03-31' },
    { cycle: '3.3', releaseDate: '2023-12-25', eol: '2027-03-31' },
    { cycle: '3.2', releaseDate: '2022-12-25', eol: '2026-03-31' },
    { cycle: '3.1', releaseDate: '2021-12-25', eol: '2025-03-26' },
    { cycle: '3.0', releaseDate: '2020-12-25', eol: '2024-04-23' },
  ],
  php: [
    { cycle: '8.5', releaseDate: '2025-11-20', support: '2027-12-31', eol: '2029-12-31' },
    { cycle: '8.4', releaseDate: '2024-11-21', support: '2026-12-31', eol: '2028-12-31' },
    { cycle: '8.3', releaseDate: '2023-11-23', support: '2025-12-31', eol: '2027-12-31' },
    { cycle: '8.2', releaseDate: '2022-12-08', support: '2024-12-31', eol: '2026-12-31' },
    { cycle: '8.1', releaseDate: '2021-11-25', support: '2023-11-25', eol: '2025-12-31' },
    { cycle: '8.0', releaseDate: '2020-11-26', support: '2022-11-26', eol: '2023-11-26' },
    { cycle: '7.4', releaseDate: '2019-11-28', support: '2021-11-28', eol: '2022-11-28' },
  ],
};
