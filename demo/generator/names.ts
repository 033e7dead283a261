/**
 * Word lists for synthetic people. Common UK given and family names, combined at random, so no
 * generated person is anyone real. Given names follow birth cohorts (a 90-year-old is more likely
 * a Dorothy than an Isla) because a ward list full of mismatched names looks wrong to ward staff.
 * Places, streets and practices are invented; postcodes use the "RV" area, which does not exist.
 * Lists are comma-separated strings so the formatter keeps them compact.
 */

const list = (text: string): readonly string[] => text.split(",").map((word) => word.trim());

export type Cohort = "before-1950" | "1950-1989" | "from-1990";

export const givenNamesByCohort: Record<Cohort, { male: readonly string[]; female: readonly string[] }> = {
  "before-1950": {
    male: list(`Arthur, Harold, Albert, Frederick, Kenneth, Leonard, Ernest, Walter, Stanley, Dennis, Ronald,
      Norman, Cyril, Douglas, Gordon, Bernard, Raymond, Eric, Clifford, Reginald`),
    female: list(`Margaret, Dorothy, Joan, Doris, Irene, Betty, Edna, Jean, Mavis, Gladys, Eileen, Audrey,
      Sheila, Joyce, Vera, Winifred, Phyllis, Elsie, Pauline, Marjorie`),
  },
  "1950-1989": {
    male: list(`David, John, Paul, Mark, Andrew, Stephen, Peter, Michael, Ian, Gary, Darren, Richard, Robert,
      Simon, Neil, Kevin, Christopher, Anthony, Mohammed, Rajesh, Graham, Wayne`),
    female: list(`Susan, Karen, Julie, Linda, Sarah, Claire, Nicola, Amanda, Tracey, Helen, Lisa, Joanne,
      Deborah, Angela, Michelle, Gillian, Emma, Priya, Fatima, Dawn, Wendy`),
  },
  "from-1990": {
    male: list(`Oliver, Jack, Harry, George, Noah, Leo, Charlie, Jacob, Thomas, Oscar, James, Alfie, Muhammad,
      Freddie, Arthur, Theo, Lewis, Ryan, Kai, Ethan`),
    female: list(`Olivia, Amelia, Isla, Ava, Emily, Sophie, Grace, Lily, Freya, Chloe, Ella, Mia, Poppy, Evie,
      Jessica, Ruby, Aisha, Hannah, Zara, Megan`),
  },
};

export const familyNames = list(`Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas,
  Johnson, Roberts, Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Lewis, Harris,
  Clarke, Patel, Jackson, Wood, Turner, Martin, Cooper, Hill, Ward, Morris, Moore, Clark, Lee, King, Baker,
  Harrison, Morgan, Allen, James, Scott, Phillips, Watson, Davis, Parker, Price, Bennett, Young, Griffiths,
  Mitchell, Kelly, Cook, Carter, Richardson, Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Richards,
  Khan, Marshall, Anderson, Simpson, Ellis, Adams, Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb,
  Rogers, Gray, Mason, Ali, Hunt, Hussain, Campbell, Matthews, Owen, Palmer, Holmes, Mills, Barnes, Knight,
  O'Brien, O'Connor, McDonald, Lloyd, Butler, Russell, Barker, Fisher, Stevens, Jenkins`);

/** Consultants are "Dr A Okafor" style: a random initial and one of these family names. */
export const consultantFamilyNames = list(`Okafor, Adeyemi, Nair, Sharma, Chaudhry, Hughes, Fletcher, Mensah,
  Iqbal, Rahman, Kowalski, Fernandes, Lindqvist, Osei, Banerjee, Gallagher, Whitfield, Thornton, Achebe, Menon,
  Rossi, Sutherland, Henderson, Qureshi, Mackenzie, Pillai, Oyelaran, Kaur, Dunmore, Ashworth, Chen, Nakamura,
  Haddad, Doyle, Brennan, Varghese, Obi, Petrova`);

export const initials = "ABCDEFGHJKLMNPRSTW";

export const streetNames = list(`Church Lane, Station Road, Mill Street, Victoria Road, Park Avenue,
  The Crescent, Orchard Close, Meadow Way, Chapel Street, Queens Road, Kingfisher Drive, Willow Grove,
  Barley Croft, Elm Rise, Foundry Lane, Canal Walk, Bridge Street, Heather Close, Rectory Road, Spinney View`);

export const towns = list(`Riverside, Northgate, Elmfield, Kestrel Bridge, Hollin Vale, Marsham Green,
  Fernley Cross, Oldcastle Upton, Brackenby, Wexley Moor`);

export const gpPractices = list(`Riverside Medical Centre, Northgate Surgery, The Elmfield Practice,
  Hollin Vale Health Centre, Marsham Green Family Practice, Kestrel Bridge Surgery, Canal Walk Medical Group,
  Fernley Cross Surgery, Brackenby Health Centre, Wexley Moor Practice, Station Road Surgery,
  The Orchard Medical Practice`);

/** Letters allowed in the inward code of a UK postcode (no C, I, K, M, O, V). */
export const postcodeLetters = "ABDEFGHJLNPQRSTUWXYZ";
