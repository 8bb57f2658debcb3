// The groups named in the seed documents (../shared/seeds/): ALA's membership initiative
// groups and PLA's interest groups, with their statements of purpose and staff liaisons.
// The Core pages describe Core interest groups but name none, so none are seeded.
import { defaultEligibility, groupKey } from '../directory/rules.js';
import type { GroupRecord } from './rules.js';

function mig(name: string, description: string, staffLiaison: string | null = null): GroupRecord {
  return { name, key: groupKey(name), kind: 'MIG', level: null, eligibility: defaultEligibility('MIG', false), description, staffLiaison, convenerEmails: [] };
}

function pla(name: string, description: string, openToPublic = false): GroupRecord {
  return { name, key: groupKey(name), kind: 'PLA_IG', level: null, eligibility: defaultEligibility('PLA_IG', openToPublic), description, staffLiaison: null, convenerEmails: [] };
}

export const SEED_GROUPS: GroupRecord[] = [
  mig(
    'Diversity Membership Initiative Group',
    'This open forum would be an organizational home for persons interested in fostering an improved climate for diversity within the American Library Association as a means to positively impact services to the increasingly diverse populations who utilize our libraries on a daily basis. In addition, it would provide a base for conference programming, formal contacts, e-lists, etc. It would raise issues of concern with the Office for Diversity, Committee on Diversity and other formal ALA communities (Divisions, Committees, Round Tables, etc.).',
    'Michelle Harrell Washington',
  ),
  mig(
    'Graphic Novels & Comics in Libraries',
    'To provide a method for engagement and networking among ALA members interested in comic books and graphic novels. To collaborate with ALA units to support the inclusion of comic books and graphic novels in library initiatives and programs across the Association. To advocate for wider incorporation and acceptance by the profession and the Association for comic books and graphic novels in library services, programming, and collections. This group is open to all members, and encourages participation from members from all library types and members who serve various library user demographics.',
  ),
  mig(
    'Information Commons',
    'To provide a mechanism for sharing experiences with promoting, developing and sustaining commons. To provide a base for conference programming, formal contacts, e-lists, etc. To encourage participation in efforts and partnerships to help promote, build and sustain information commons. This group includes librarians from all types of libraries who are eager to learn about and share their experiences with developing and preserving commonly shared resources, as well as understanding and promoting the concept of the commons.',
    'Mary W. Ghikas',
  ),
  mig(
    'Libraries Foster Community Engagement',
    'Libraries Foster Community Engagement (formerly Libraries Fostering Civic Engagement) provides an ALA organizational home for members interested in the work of library-led community engagement. It is a community of practice where participants share experiences facilitating public forums, fostering community and civic engagement, and leading change in communities. Participants also hear about professional development opportunities and library experiences related to convening, dialogue facilitation, forum moderation, deliberative dialogue and local partnerships to help communities understand issues of concern and solve problems together.',
    'Mary W. Ghikas',
  ),
  mig(
    'LibraryLab / Library Boing Boing',
    '(Formerly the Library Boing Boing Member Interest Group.) To bring librarians and Boing Boing readers (aka, Happy Mutants) together to generate support for and raise interest in libraries via projects at local libraries: help find and propose content about libraries that could be posted to Boing Boing; provide active ways for Happy Mutants to support and get involved with their local libraries; create dynamic programming at library conferences; work together on shared interests (copyright reform, net neutrality, game culture, digital divide issues, open government); and coordinate an international community of librarians working with their own Happy Mutant groups.',
  ),
  mig(
    'Programming Librarian Interest Group (PLIG)',
    "To bring together all types of librarians interested in public programming for their patrons. Programming is an intrinsically essential library service. The Programming Librarian Interest Group will help librarians advocate for programming at their own institutions, share program ideas and successful strategies, and provide a space for professional development by librarians who do programming officially and unofficially as part of their job duties. The group will also be a vehicle for ALA members to connect more dynamically with ALA's Public Programming Office.",
  ),
  mig(
    'Virtual Communities and Libraries',
    'To provide a group within ALA for members interested in fostering the practice of library work, the visibility of libraries and library workers, and the extension of library services within online social networks, virtual worlds, and other communities of intention. To provide a mechanism for sharing experiences and practices in-person or virtually through programming or asynchronous communications. To encourage wider participation by the profession and the association in virtual worlds. To establish a forum across all types of libraries and at all levels of library employment concerned with the development of library services in emerging social networks, virtual worlds, and other communities of intention. This group is open to all members.',
    'Tina Coleman',
  ),
  pla(
    'Legislation and Advocacy',
    'The Legislation and Advocacy interest group is for members interested in educating our communities about why libraries and librarians are essential in an information society.',
  ),
  pla(
    'Data and Measurement',
    'The Data and Measurement interest group is for members interested in increasing their knowledge and skills related to library data, assessment, evaluation and impact.',
  ),
  pla(
    'Digital Literacy',
    'The Digital Literacy interest group is for members who provide digital literacy training in their libraries, or for those interested in learning more about making their libraries digital literacy learning centers.',
  ),
  pla(
    'Equity, Diversity, and Inclusion',
    'The Equity, Diversity, and Inclusion (EDI) interest group is for members interested in building skills and organizational capacity to address issues of EDI.',
  ),
  pla(
    'Family Engagement',
    'The Family Engagement interest group is for members interested in helping children and families in their communities succeed in school and life.',
  ),
  pla(
    'Health',
    'The Health interest group is for members interested in increasing their knowledge and skills related to consumer health services and programming to help patrons better navigate complex health issues.',
  ),
  pla(
    'Immigration and Citizenship',
    'The Immigration and Citizenship interest group is for members interested in providing accurate and useful information about immigration and citizenship at their libraries.',
  ),
  pla(
    'Social Work',
    'The Social Work interest group is for anyone interested in learning more about social work in public libraries. The PLA Social Worker Task Force will use this space to discuss issues facing public libraries, provide a space to connect with others, and generate and share best practices and resources. This group is open to the public, and does not require PLA personal membership.',
    true,
  ),
  pla(
    'Workforce Development/Small Business',
    'The Workforce Development/Small Business interest group is for members interested in establishing, sustaining, and promoting workforce development and/or entrepreneurship and small businesses development in their libraries.',
  ),
];
