// Enhances the server-rendered pages with the GOV.UK Design System's scripts. A module script: browsers too old for
// modules skip it and keep the plain pages, which work without any script.
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
