// Enhances the server-rendered pages with the GOV.UK Design System's scripts. A module script: browsers too old for
// modules skip it and keep the plain pages, which work without any script.
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// Radios that reveal a follow-up question. govuk-frontend's own version marks each radio aria-expanded, which a
// radio may not carry (axe-core: aria-allowed-attr), so these show and hide the follow-up themselves. Without
// script every follow-up question is shown.
for (const group of document.querySelectorAll('[data-cradle-reveal]')) {
  const inputs = group.querySelectorAll('input[type=radio][data-reveal]')
  const update = () => inputs.forEach((input) => {
    document.getElementById(input.dataset.reveal).classList.toggle('govuk-radios__conditional--hidden', !input.checked)
  })
  inputs.forEach((input) => input.addEventListener('change', update))
  update()
}
